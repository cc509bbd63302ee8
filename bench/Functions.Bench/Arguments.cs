using System.Globalization;

namespace Functions.Bench;

/// <summary>The command line of the benchmark.</summary>
internal sealed record Arguments(string Aot, string Jit, string EventFile, int Runs, int Messages)
{
    public static Arguments Parse(string[] args)
    {
        string? aot = null, jit = null, eventFile = null;
        int runs = 7, messages = 10_000;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--aot": aot = value; break;
                case "--jit": jit = value; break;
                case "--event": eventFile = value; break;
                case "--runs": runs = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--messages": messages = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}' (use --aot, --jit, --event, --runs, --messages)");
            }

            i++;
        }

        if (aot is null || jit is null || eventFile is null)
        {
            throw new ArgumentException("--aot, --jit and --event are required; scripts/bench-functions.sh passes them");
        }

        if (runs < 5)
        {
            throw new ArgumentException("--runs must be at least 5 (the result is a median)");
        }

        foreach (var file in new[] { aot, jit, eventFile })
        {
            if (!File.Exists(file))
            {
                throw new ArgumentException($"{file} does not exist; scripts/bench-functions.sh publishes the builds first");
            }
        }

        return new Arguments(aot, jit, eventFile, runs, messages);
    }
}
