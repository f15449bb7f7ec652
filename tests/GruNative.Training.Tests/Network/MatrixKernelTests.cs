using GruNative.Training.Network;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Network;

/// <summary>The matrix product against a plain triple loop, over shapes that hit every tile and tail of the kernel.</summary>
public class MatrixKernelTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 16, 3)]
    [InlineData(5, 17, 9)]      // one row past a tile, one column past two vectors
    [InlineData(7, 40, 300)]    // depth past one block
    [InlineData(13, 3, 513)]    // columns narrower than a vector: scalar code only
    [InlineData(33, 64, 64)]
    [InlineData(2, 24, 0)]      // zero depth: C keeps its values (or becomes the bias)
    public void Product_matches_a_plain_triple_loop(int rows, int columns, int depth)
    {
        foreach (bool transposedA in new[] { false, true })
        {
            double[] a = Uniform<double>(rows * depth + 3, 1);
            double[] b = Uniform<double>(depth * (columns + 2) + 1, 2);
            double[] c = Uniform<double>(rows * (columns + 1), 3);
            double[] bias = Uniform<double>(columns, 4);
            // A row-major [rows][depth] has strides (depth, 1); the transpose of a row-major [depth][rows] has (1, rows).
            int aRow = transposedA ? 1 : depth, aDepth = transposedA ? rows : 1;
            int bRow = columns + 2, cRow = columns + 1;

            double[] expected = (double[])c.Clone();
            double[] withBias = (double[])c.Clone();
            for (int m = 0; m < rows; m++)
            {
                for (int n = 0; n < columns; n++)
                {
                    double sum = 0;
                    for (int k = 0; k < depth; k++)
                        sum += a[m * aRow + k * aDepth] * b[k * bRow + n];
                    expected[m * cRow + n] += sum;
                    withBias[m * cRow + n] = bias[n] + sum;
                }
            }

            double[] actual = (double[])c.Clone();
            MatrixKernel.MultiplyAdd<double>(rows, columns, depth, a, aRow, aDepth, b, bRow, actual, cRow);
            Assert.True(MaxAbsDifference(expected, actual) < 1e-12, $"C += A·B, transposed A: {transposedA}");

            actual = (double[])c.Clone();
            MatrixKernel.Multiply<double>(rows, columns, depth, a, aRow, aDepth, b, bRow, actual, cRow, bias);
            Assert.True(MaxAbsDifference(withBias, actual) < 1e-12, $"C = bias + A·B, transposed A: {transposedA}");
        }
    }

    [Fact]
    public void Float_product_matches_too()
    {
        const int rows = 9, columns = 37, depth = 20;
        float[] a = Uniform<float>(rows * depth, 1), b = Uniform<float>(depth * columns, 2);
        var c = new float[rows * columns];
        MatrixKernel.Multiply<float>(rows, columns, depth, a, depth, 1, b, columns, c, columns, default);
        for (int m = 0; m < rows; m++)
        {
            for (int n = 0; n < columns; n++)
            {
                double sum = 0;
                for (int k = 0; k < depth; k++)
                    sum += (double)a[m * depth + k] * b[k * columns + n];
                Assert.Equal(sum, c[m * columns + n], 1e-5);
            }
        }
    }

    [Fact]
    public void Spans_too_short_or_overlapping_are_refused()
    {
        // The kernel indexes through refs without bounds checks, so its up-front checks are what keeps it in bounds.
        var a = new double[12];
        var b = new double[12];
        var c = new double[12];
        MatrixKernel.MultiplyAdd<double>(3, 4, 3, a, 4, 1, b, 4, c, 4);                                            // exactly fits
        Assert.Throws<ArgumentException>(() => MatrixKernel.MultiplyAdd<double>(4, 2, 4, a, 4, 1, b, 2, c, 2));   // A needs 16
        Assert.Throws<ArgumentException>(() => MatrixKernel.MultiplyAdd<double>(3, 4, 4, a, 4, 1, b, 4, c, 4));   // B needs 16
        Assert.Throws<ArgumentException>(() => MatrixKernel.MultiplyAdd<double>(4, 3, 1, a, 1, 1, b, 3, c, 4));   // C needs 15
        Assert.Throws<ArgumentException>(() => MatrixKernel.MultiplyAdd<double>(2, 3, 1, a, 1, 1, b, 3, c, 2));   // C rows overlap each other
        Assert.Throws<ArgumentException>(() => MatrixKernel.MultiplyAdd<double>(2, 2, 2, a, 2, 1, b, 2, a.AsSpan(4), 2));  // C overlaps A
        Assert.Throws<ArgumentException>(() => MatrixKernel.Multiply<double>(2, 4, 2, a, 2, 1, b, 4, c, 4, new double[3]));  // bias too short
    }
}
