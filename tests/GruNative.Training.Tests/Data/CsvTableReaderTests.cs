using GruNative.Training.Data;

namespace GruNative.Training.Tests.Data;

public class CsvTableReaderTests
{
    private static TimeSeriesTable Read(string text, CsvReadOptions? options = null) =>
        CsvTableReader.Read(new StringReader(text), "test.csv", options);

    private static DataFormatException ReadFails(string text, CsvReadOptions? options = null) =>
        Assert.Throws<DataFormatException>(() => Read(text, options));

    [Fact]
    public void Reads_the_date_column_as_text_and_the_others_as_invariant_numbers()
    {
        var table = Read("date,a,b\n2020-01-01,1.5,-2\n2020-01-02, 3e2 ,+0.25\n2020-01-03,.5,-1E-3\n", new CsvReadOptions { DateColumn = "date" });
        Assert.Equal(["a", "b"], table.ColumnNames);
        Assert.Equal(3, table.RowCount);
        Assert.Equal("date", table.TimestampColumn);
        Assert.Equal(["2020-01-01", "2020-01-02", "2020-01-03"], table.Timestamps);
        Assert.Equal([1.5, 300, 0.5], table.Column("a").ToArray());
        Assert.Equal([-2, 0.25, -0.001], table.Column("b").ToArray());
        Assert.Equal(0, table.FilledCellCount);
    }

    [Fact]
    public void Quoted_fields_may_hold_delimiters_quotes_and_line_breaks()
    {
        string text = "\"Month\",\"Pass,engers\",\"note\"\r\n\"1949-01\",\"112\",\"plain\"\r\n\"1949-02\",118,\"two\nlines, \"\"quoted\"\"\"\r\n\"1949-03\",132,x\r\n";
        var table = Read(text, new CsvReadOptions { DateColumn = "Month", Columns = ["Pass,engers"] });
        Assert.Equal(["Pass,engers"], table.ColumnNames);
        Assert.Equal([112.0, 118, 132], table.Column(0).ToArray());
        Assert.Equal(["1949-01", "1949-02", "1949-03"], table.Timestamps);
    }

    [Fact]
    public void Line_numbers_count_header_blank_lines_and_breaks_inside_quotes()
    {
        // line 1 header, 2 row, 3-4 one record with a quoted line break, 5 blank, 6 bad row.
        string text = "t,v,note\n1,1.0,a\n2,2.0,\"b\nc\"\n\n3,oops,d\n";
        var e = ReadFails(text, new CsvReadOptions { Columns = ["v"] });
        Assert.Equal(6, e.Line);
        Assert.Equal("v", e.Column);
        Assert.Equal("test.csv", e.SourceName);
        Assert.StartsWith("test.csv: line 6, column 'v': 'oops' is not a number", e.Message);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_CRLF_is_accepted()
    {
        var table = Read("a\r\n1\r\n\r\n2\r\n\r\n");
        Assert.Equal([1.0, 2.0], table.Column("a").ToArray());
    }

    [Fact]
    public void Another_delimiter_can_be_chosen()
    {
        var table = Read("a;b\n1.5;2\n", new CsvReadOptions { Delimiter = ';' });
        Assert.Equal([1.5], table.Column("a").ToArray());
        Assert.Equal([2.0], table.Column("b").ToArray());
    }

    [Fact]
    public void Selected_columns_come_in_the_selected_order_and_others_are_not_parsed()
    {
        var table = Read("a,label,b\n1,x,2\n3,y,4\n", new CsvReadOptions { Columns = ["b", "a"] });
        Assert.Equal(["b", "a"], table.ColumnNames);
        Assert.Equal([2.0, 4], table.Column(0).ToArray());
        Assert.Equal([1.0, 3], table.Column(1).ToArray());
    }

    [Theory]
    [InlineData("a,b\n1,2\n3,abc\n", 3, "b", "'abc' is not a number")]
    [InlineData("a,b\n1,2\n3,\n", 3, "b", "missing value (an empty cell)")]
    [InlineData("a,b\n1,2\n  ,4\n", 3, "a", "missing value (an empty cell)")]
    [InlineData("a,b\n1,NaN\n", 2, "b", "'NaN' counts as missing")]
    [InlineData("a,b\n1,2\n3,4\n-inf,5\n", 4, "a", "'-inf' counts as missing")]
    [InlineData("a,b\n1,Infinity\n", 2, "b", "'Infinity' counts as missing")]
    [InlineData("a,b\n1,2\n1e400,5\n", 3, "a", "'1e400' is beyond the range of a double")]
    [InlineData("a,b\n1,\"2,5\"\n", 2, "b", "'2,5' is not a number")]
    [InlineData("a,b\n1,1 000\n", 2, "b", "'1 000' is not a number")]
    public void A_bad_cell_is_an_error_naming_file_line_and_column(string text, int line, string column, string problem)
    {
        var e = ReadFails(text);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains($"test.csv: line {line}, column '{column}': ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_missing_cell_error_says_how_to_fill_gaps()
    {
        var e = ReadFails("a\n1\n\"\"\n");
        Assert.Contains("forward fill or linear interpolation", e.Message);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_an_error_naming_its_line()
    {
        var e = ReadFails("a,b\n1,2\n3\n");
        Assert.Equal(3, e.Line);
        Assert.Null(e.Column);
        Assert.Contains("1 field(s), but the header has 2", e.Message);
        Assert.Equal(2, ReadFails("a,b\n1,2,3\n").Line);
    }

    [Fact]
    public void Unknown_columns_are_errors_listing_the_available_columns()
    {
        var e = ReadFails("date,HUFL,OT\nx,1,2\n", new CsvReadOptions { DateColumn = "date", Columns = ["ot"] });
        Assert.Equal("ot", e.Column);
        Assert.Contains("no such column (did you mean 'OT'?); the columns are: 'date', 'HUFL', 'OT'", e.Message);

        var date = ReadFails("Month,v\nx,1\n", new CsvReadOptions { DateColumn = "date" });
        Assert.Equal("date", date.Column);
        Assert.Contains("the columns are: 'Month', 'v'", date.Message);
    }

    [Fact]
    public void A_date_column_not_named_as_such_fails_on_its_first_cell()
    {
        var e = ReadFails("date,v\n2016-07-01 00:00:00,1\n");
        Assert.Equal((2, "date"), (e.Line!.Value, e.Column));
    }

    [Fact]
    public void Header_problems_are_errors()
    {
        Assert.Contains("no header line", ReadFails("").Message);
        Assert.Contains("no data rows after the header", ReadFails("a,b\n").Message);
        Assert.Contains("more than once", ReadFails("a,a\n1,2\n").Message);
        Assert.Contains("has no name", ReadFails(",a\n1,2\n").Message);
        Assert.Contains("selected twice", ReadFails("a,b\n1,2\n", new CsvReadOptions { Columns = ["a", "a"] }).Message);
        Assert.Contains("is the date column", ReadFails("a,b\n1,2\n", new CsvReadOptions { DateColumn = "a", Columns = ["a"] }).Message);
        Assert.Contains("no column besides the date column", ReadFails("a\n1\n", new CsvReadOptions { DateColumn = "a" }).Message);
    }

    // Found by the csv fuzz harness (issue 17, finding csv-1): a header whose first cell is empty, chosen as the date
    // column by an empty DateColumn, passed the reader's checks and reached TimeSeriesTable's constructor, which threw
    // ArgumentException — not the documented DataFormatException.
    [Fact]
    public void An_unnamed_column_chosen_as_the_date_column_is_a_format_error() =>
        Assert.Contains("has no name", ReadFails(",a\n2020-01-01,2\n", new CsvReadOptions { DateColumn = "" }).Message);

    [Fact]
    public void Forward_fill_carries_the_last_value_down() =>
        AssertFilled(MissingValuePolicy.ForwardFill, "a,b\n1,10\n,NaN\n\"\",12\n4,\n", a: [1.0, 1, 1, 4], b: [10.0, 10, 12, 12], filled: 4);

    [Fact]
    public void Forward_fill_rejects_a_gap_at_the_top()
    {
        var e = ReadFails("a,b\n1,\n2,3\n", new CsvReadOptions { MissingValues = MissingValuePolicy.ForwardFill });
        Assert.Equal((2, "b"), (e.Line!.Value, e.Column));
        Assert.Contains("no earlier value", e.Message);
    }

    [Fact]
    public void Linear_interpolation_fills_between_neighbours_by_row() =>
        // a: 1, _, _, 7 → 3, 5; b: 0, _, 1 → 0.5.
        AssertFilled(MissingValuePolicy.LinearInterpolation, "a,b\n1,0\n,\n,1\n7,2\n", a: [1.0, 3, 5, 7], b: [0.0, 0.5, 1, 2], filled: 3);

    // Reads columns a and b with the policy and checks both, and how many cells it filled.
    private static void AssertFilled(MissingValuePolicy policy, string csv, double[] a, double[] b, int filled)
    {
        var table = Read(csv, new CsvReadOptions { MissingValues = policy });
        Assert.Equal(a, table.Column("a").ToArray());
        Assert.Equal(b, table.Column("b").ToArray());
        Assert.Equal(filled, table.FilledCellCount);
    }

    [Theory]
    [InlineData("a\n\n1\n2\n", 0)] // the blank line is skipped: no gap
    [InlineData("a\nnan\n1\n2\n", 2)]
    [InlineData("a\n1\n2\nnull\n", 4)]
    [InlineData("a\n1\n2\nNA\nN/A\n", 4)]
    public void Linear_interpolation_rejects_gaps_at_either_end(string text, int line)
    {
        var options = new CsvReadOptions { MissingValues = MissingValuePolicy.LinearInterpolation };
        if (line == 0)
        {
            Assert.Equal(2, Read(text, options).RowCount);
            return;
        }
        var e = ReadFails(text, options);
        Assert.Equal((line, "a"), (e.Line!.Value, e.Column));
        Assert.Contains("needs a value on both sides", e.Message);
    }

    [Fact]
    public void Non_numeric_text_is_an_error_even_with_a_fill_policy()
    {
        var e = ReadFails("a\n1\n2,5\n3\n", new CsvReadOptions { MissingValues = MissingValuePolicy.LinearInterpolation, Delimiter = ';' });
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void A_missing_file_is_an_IO_error()
    {
        Assert.ThrowsAny<IOException>(() => CsvTableReader.Read(Path.Combine(Path.GetTempPath(), "grunative-no-such-file.csv")));
    }

    [Fact]
    public void Reads_the_shared_datasets()
    {
        var airline = CsvTableReader.Read(SharedData.PathOf("airline-passengers.csv"), new CsvReadOptions { DateColumn = "Month" });
        Assert.Equal(144, airline.RowCount);
        Assert.Equal(["Passengers"], airline.ColumnNames);
        Assert.Equal((112.0, 432.0), (airline.Column(0)[0], airline.Column(0)[143]));
        Assert.Equal(("1949-01", "1960-12"), (airline.Timestamps![0], airline.Timestamps[143]));

        var temperatures = CsvTableReader.Read(SharedData.PathOf("daily-min-temperatures.csv"), new CsvReadOptions { DateColumn = "Date" });
        Assert.Equal(3650, temperatures.RowCount);
        Assert.Equal((20.7, 17.9), (temperatures.Column("Temp")[0], temperatures.Column("Temp")[1]));

        var ett = SharedData.EttH1;
        Assert.Equal(17420, ett.RowCount);
        Assert.Equal(["HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"], ett.ColumnNames);
        Assert.Equal("2016-07-01 00:00:00", ett.Timestamps![0]);
        Assert.Equal(30.5310001373291, ett.Column("OT")[0]);
        Assert.Equal(SharedData.EttH1ColumnIndependently("OT"), ett.Column("OT").ToArray());
    }

    [Fact]
    public void Written_tables_read_back_exactly()
    {
        var original = TimeSeriesTable.FromColumns("mem", ["x", "needs, quotes"], [[0.1, 1e-300, -123456.789], [Math.PI, 1.0 / 3, 2]],
            ["2024-01-01 00:00:00", "with,comma", "with \"quote\""], "when");
        var writer = new StringWriter();
        CsvTableWriter.Write(original, writer);
        var copy = CsvTableReader.Read(new StringReader(writer.ToString()), "copy", new CsvReadOptions { DateColumn = "when" });
        Assert.Equal(original.ColumnNames, copy.ColumnNames);
        Assert.Equal(original.Timestamps, copy.Timestamps);
        for (int c = 0; c < original.ColumnCount; c++)
            Assert.Equal(original.Column(c).ToArray(), copy.Column(c).ToArray());
    }
}
