using DocumentFormat.OpenXml.Packaging;
using Sheet = DocumentFormat.OpenXml.Spreadsheet;

namespace Actors.Analytics.Tests.Xlsx;

/// <summary>A workbook written by the Open XML SDK itself (its element classes, its package layout) reads the same.</summary>
public sealed class SdkWorkbookTests
{
    private static Sheet.Cell Text(string reference, string text) =>
        new() { CellReference = reference, DataType = Sheet.CellValues.InlineString, InlineString = new Sheet.InlineString(new Sheet.Text(text)) };

    private static Sheet.Cell Number(string reference, double value) => new() { CellReference = reference, CellValue = new Sheet.CellValue(value) };

    [Fact]
    public void A_workbook_the_sdk_wrote_is_read()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Sheet.Workbook();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            worksheet.Worksheet = new Sheet.Worksheet(new Sheet.SheetData(
                new Sheet.Row(Text("A1", "name"), Text("B1", "amount")) { RowIndex = 1 },
                new Sheet.Row(Text("A2", "ann"), Number("B2", 1.5)) { RowIndex = 2 },
                new Sheet.Row(Text("A3", "bob"), Number("B3", 20)) { RowIndex = 3 }));
            workbook.Workbook.AppendChild(new Sheet.Sheets(new Sheet.Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "Data" }));
        }
        stream.Position = 0;

        var table = TableReader.FromXlsx(stream, "Data");

        Assert.Equal(["name", "amount"], table.Columns);
        Assert.Equal(2, table.RowCount);
        Assert.Equal("bob", table[1, "name"].Text);
        Assert.Equal(1.5, table[0, "amount"].Number);
    }
}
