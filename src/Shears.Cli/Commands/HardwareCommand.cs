using System.CommandLine;
using Shears.Cli.Rendering;
using Shears.Hardware;
using Shears.Hardware.Host;
using Spectre.Console;

namespace Shears.Cli.Commands;

/// <summary>`shears hardware [--target NAME] [--json]`: the detected host or a target profile, with the source of every figure.</summary>
internal sealed class HardwareCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var target = new Option<string>("--target") { Description = "Profile name or JSON file (default: host)" };
        var json = new Option<bool>("--json") { Description = "Print the profile as JSON" };
        var refresh = new Option<bool>("--refresh") { Description = "Measure the host again instead of using the cache" };
        var list = new Option<bool>("--list") { Description = "List the known profiles" };
        var command = new Command("hardware", "Show the detected host or a target hardware profile (compute, bandwidth, SIMD, caches, sparsity support).")
        {
            target, json, refresh, list,
        };
        command.SetAction(parse =>
        {
            var policy = parse.GetValue(refresh) ? MeasurementPolicy.Remeasure : MeasurementPolicy.UseCache;
            var options = new ProfileCatalogOptions
            {
                Host = () => ProgressDisplay.Run(output, "host", parse.GetValue(json), progress => new HostDetector().Detect(policy, progress)),
            };
            var catalog = ProfileCatalog.Load(options);
            if (parse.GetValue(list))
            {
                foreach (var name in catalog.Names)
                {
                    output.Out.WriteLine(name);
                }
                return 0;
            }
            var profile = catalog.Find(parse.GetValue(target) ?? "host");
            if (parse.GetValue(json))
            {
                output.Out.WriteLine(HardwareReport.ToJson(profile));
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(profile.Name)}[/]");
            table.AddColumn("");
            table.AddColumn("Value");
            table.AddColumn("Source");
            foreach (var row in HardwareReport.Rows(profile))
            {
                table.AddRow(Markup.Escape(row.Label), Markup.Escape(row.Value), $"[grey]{Markup.Escape(row.Source)}[/]");
            }
            output.Console.Write(table);
            return 0;
        });
        return command;
    }
}
