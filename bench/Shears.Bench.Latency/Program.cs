using Shears.Bench.Latency;

return BenchCommand.Run(args);
