using Actors.Analytics;
using Actors.Api.Limits;
using Actors.Api.Problems;

namespace Actors.Api.Analyses;

/// <summary>
/// The answer to data the table readers refused, in whatever form it came: a crossed limit answers its own code,
/// with the limit's figure (and the data's, where the reader knew it) and a detail that names both; anything
/// else is 422 invalid_data.
/// </summary>
public static class DataProblem
{
    public static IResult From(DataFormatException error, InputLimits limits)
    {
        var extensions = new Dictionary<string, object?> { ["limit"] = error.Maximum };
        switch (error.Limit)
        {
            case TableLimit.Rows when error.Maximum < limits.MaxRecords:
                // The tenant's quota was the lower of the two.
                extensions["quota"] = "records_per_job";
                extensions["records"] = error.Actual;
                return Problem.Create(StatusCodes.Status413PayloadTooLarge, ProblemCodes.QuotaRecordsPerJob, "Too many records",
                    $"{error.Message} This tenant's jobs may have at most {error.Maximum} records.", extensions);
            case TableLimit.Rows:
                extensions["records"] = error.Actual;
                return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.TooManyRecords, "Too many records", error.Message, extensions);
            case TableLimit.Columns:
                extensions["columns"] = error.Actual;
                return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.TooManyColumns, "Too many columns", error.Message, extensions);
            case TableLimit.Cells:
                extensions["cells"] = error.Actual;
                return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.TooManyCells, "Too many cells", error.Message, extensions);
            case TableLimit.CellChars:
                return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.CellTooLong, "Cell too long", error.Message, extensions);
            case TableLimit.Bytes:
                return Problem.Create(StatusCodes.Status413PayloadTooLarge, ProblemCodes.DataTooLarge, "Data too large", error.Message, extensions);
            default:
                return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidData, "The data cannot be analysed", error.Message);
        }
    }
}
