namespace Actors.Analytics.Trends;

/// <summary>
/// The ACF of a series at every lag up to a maximum, by FFT: the autocovariance is the inverse
/// transform of the power spectrum of the mean-removed series, zero-padded to at least twice its
/// length so that lags do not wrap around. O(n log n) rather than the direct O(n·lags), which at
/// lags up to n/2 would be quadratic in a 10 MB upload's hundreds of thousands of rows.
/// </summary>
internal static class Correlogram
{
    /// <summary>ACF at lags 0..<paramref name="maxLag"/>, as <see cref="Seasonality.Acf"/> defines it; all 0 for a constant series.</summary>
    public static double[] Of(IReadOnlyList<double> series, int maxLag)
    {
        var n = series.Count;
        var acf = new double[maxLag + 1];
        if (n == 0)
        {
            return acf;
        }
        var size = 1;
        while (size < 2 * n)
        {
            size <<= 1;
        }
        var mean = series.Average();
        var re = new double[size];
        var im = new double[size];
        for (var t = 0; t < n; t++)
        {
            re[t] = series[t] - mean;
        }
        Transform(re, im, inverse: false);
        for (var k = 0; k < size; k++)
        {
            re[k] = re[k] * re[k] + im[k] * im[k];
            im[k] = 0;
        }
        Transform(re, im, inverse: true);
        var variance = re[0];
        if (variance <= 0)
        {
            return acf;
        }
        for (var lag = 0; lag <= maxLag && lag < n; lag++)
        {
            acf[lag] = re[lag] / variance;
        }
        return acf;
    }

    /// <summary>In-place iterative radix-2 FFT; the inverse includes the 1/size factor.</summary>
    private static void Transform(double[] re, double[] im, bool inverse)
    {
        var size = re.Length;
        for (int i = 1, j = 0; i < size; i++)
        {
            var bit = size >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        // Twiddles from one table of direct sin/cos: a running product would drift over long stages.
        var half = size / 2;
        var cos = new double[half];
        var sin = new double[half];
        var sign = inverse ? 1.0 : -1.0;
        for (var k = 0; k < half; k++)
        {
            var angle = 2 * Math.PI * k / size;
            cos[k] = Math.Cos(angle);
            sin[k] = sign * Math.Sin(angle);
        }
        for (var length = 2; length <= size; length <<= 1)
        {
            var span = length / 2;
            var stride = size / length;
            for (var start = 0; start < size; start += length)
            {
                for (var k = 0; k < span; k++)
                {
                    var a = start + k;
                    var b = a + span;
                    var wRe = cos[k * stride];
                    var wIm = sin[k * stride];
                    var tRe = re[b] * wRe - im[b] * wIm;
                    var tIm = re[b] * wIm + im[b] * wRe;
                    re[b] = re[a] - tRe;
                    im[b] = im[a] - tIm;
                    re[a] += tRe;
                    im[a] += tIm;
                }
            }
        }
        if (inverse)
        {
            for (var k = 0; k < size; k++)
            {
                re[k] /= size;
                im[k] /= size;
            }
        }
    }
}
