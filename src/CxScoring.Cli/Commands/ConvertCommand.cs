using System.CommandLine;
using System.Globalization;
using CxScoring.Cli.Input;

namespace CxScoring.Cli.Commands;

/// <summary><c>cx convert IN OUT</c>: writes the outcomes of a CSV or NDJSON file as an Arrow IPC or Parquet file, to be scored many times.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "The outcome file to read: .csv, .ndjson or .jsonl." };
        var output = new Argument<string>("OUT") { Description = "The file to write: .arrow or .feather (Arrow IPC file) or .parquet." };
        var model = new Option<string?>("--model", "-m") { Description = "The model file, when one of its time measures is not in seconds: plain numbers are then read in the measure's unit and written in seconds." };
        var batchRows = new Option<int>("--batch-rows") { Description = "Outcomes per Arrow record batch or Parquet row group.", DefaultValueFactory = _ => 65_536 };
        var plain = new Option<bool>("--plain-strings") { Description = "Write touchpoint, measure and segment as plain strings instead of dictionary-encoded columns." };
        var maxBadRate = CommonOptions.MaxBadRate();
        var delimiter = CommonOptions.Delimiter();
        var command = new Command("convert", "Convert a CSV or NDJSON outcome file to Arrow IPC or Parquet (format from the extensions), to score it many times fast. Malformed records are left out and reported.")
        {
            input, output, model, delimiter, batchRows, plain, maxBadRate,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var from = parse.GetRequiredValue(input);
            var to = parse.GetRequiredValue(output);
            var rate = parse.GetValue(maxBadRate);
            CommonOptions.CheckRate(rate);
            var separator = CommonOptions.ParseDelimiter(parse.GetRequiredValue(delimiter));
            if (OutcomeSource.FormatOf(from) is not (OutcomeFormat.Csv or OutcomeFormat.Ndjson))
            {
                throw new CliException(ExitCodes.Usage, $"cannot convert '{from}': the input must be .csv, .ndjson or .jsonl.");
            }

            var format = Path.GetExtension(to).ToLowerInvariant() switch
            {
                ".arrow" or ".feather" => OutcomeFormat.Arrow,
                ".parquet" => OutcomeFormat.Parquet,
                var other => throw new CliException(ExitCodes.Usage, $"cannot tell the output format of '{to}' from its extension '{other}': name it .arrow, .feather or .parquet."),
            };
            var rows = parse.GetValue(batchRows);
            if (rows < 1)
            {
                throw new CliException(ExitCodes.Usage, "--batch-rows must be at least 1.");
            }

            if (!File.Exists(from))
            {
                throw new CliException(ExitCodes.Unreadable, $"the outcome file '{from}' does not exist.");
            }

            var loaded = parse.GetValue(model) is { } modelPath ? CxLibrary.LoadModel(modelPath) : null;
            var report = await CxLibrary.ConvertAsync(from, to, format, loaded, separator, rows, !parse.GetValue(plain), cancellationToken);
            var c = CultureInfo.InvariantCulture;
            Console.Error.WriteLine(string.Create(c, $"Wrote {report.Read:N0} outcomes to {to} ({format}); {report.Malformed:N0} of {report.Records:N0} records were malformed and left out."));
            foreach (var error in report.Errors)
            {
                Console.Error.WriteLine($"  {from}, {error}");
            }

            if (report.Records == 0)
            {
                Console.Error.WriteLine($"cx: warning: no outcome was read from '{from}': it holds no record (an empty file, or a CSV header alone).");
            }

            if (loaded is null && report.Read > 0)
            {
                Console.Error.WriteLine("Plain numbers were written as given: a number of a time measure is taken as seconds. If a measure of your model states another unit (\"unit\": \"minutes\"), convert again with --model.");
            }

            var bad = report.Records == 0 ? 0 : (double)report.Malformed / report.Records;
            return bad > rate ? ExitCodes.InvalidInput : ExitCodes.Ok;
        });
        return command;
    }
}
