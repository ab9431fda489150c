using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Shears.Hardware;

/// <summary>A profile as read from its file or resource, before inheritance and checks.</summary>
internal sealed record RawProfile(ProfileEntry Entry, JsonObject Json);

/// <summary>
/// Turns raw profile JSON into a checked <see cref="HardwareProfile"/>: applies the "basedOn" chain as
/// merge patches, credits every figure a user file sets to that file unless it names a source, derives
/// the peak of a systolic array from its shape, then validates.
/// </summary>
internal static class ProfileResolver
{
    public static HardwareProfile Resolve(RawProfile profile, IReadOnlyDictionary<string, RawProfile> known)
    {
        var merged = new JsonObject();
        foreach (var layer in Chain(profile, known))
        {
            var json = layer.Entry.Origin == ProfileOrigin.User ? WithUserSources(layer) : layer.Json;
            merged = JsonMergePatch.Apply(merged, json);
        }
        return Complete(ProfileJson.FromNode(merged, profile.Entry.Location), profile.Entry.Location);
    }

    /// <summary>The final steps every profile goes through, inherited or not.</summary>
    public static HardwareProfile Complete(HardwareProfile profile, string location)
    {
        var completed = WithDerivedSystolicPeak(profile with
        {
            Sources = profile.Sources.ToImmutableSortedDictionary(StringComparer.Ordinal),
        });
        ProfileValidator.Validate(completed, location);
        return completed;
    }

    // Base first, the profile itself last, so each layer patches the ones before it.
    private static List<RawProfile> Chain(RawProfile profile, IReadOnlyDictionary<string, RawProfile> known)
    {
        var chain = new List<RawProfile> { profile };
        for (var current = profile; current.Json["basedOn"] is JsonNode baseNode;)
        {
            var baseName = baseNode.GetValueKind() == System.Text.Json.JsonValueKind.String ? baseNode.GetValue<string>() : "";
            if (!known.TryGetValue(baseName, out var baseProfile))
            {
                throw new ShearsException(
                    $"{current.Entry.Location}: basedOn '{baseName}' is not a known profile (known: {string.Join(", ", known.Keys.Order(StringComparer.Ordinal))})");
            }
            if (chain.Contains(baseProfile))
            {
                throw new ShearsException(
                    $"{profile.Entry.Location}: basedOn forms a cycle: {string.Join(" -> ", chain.Select(layer => layer.Entry.Name))} -> {baseProfile.Entry.Name}");
            }
            chain.Add(baseProfile);
            current = baseProfile;
        }
        chain.Reverse();
        return chain;
    }

    private static JsonObject WithUserSources(RawProfile layer)
    {
        var json = (JsonObject)layer.Json.DeepClone();
        if (json["sources"] is not null and not JsonObject)
        {
            return json; // Deserialisation reports the malformed sources.
        }
        var sources = json["sources"] as JsonObject ?? [];
        json["sources"] = sources;
        foreach (var path in ProfileFigures.Paths(layer.Json))
        {
            if (!ProfileFigures.SelfAndEnclosing(path).Any(sources.ContainsKey))
            {
                sources[path] = $"configured by user in {layer.Entry.Location}";
            }
        }
        return json;
    }

    private static HardwareProfile WithDerivedSystolicPeak(HardwareProfile profile)
    {
        if (profile.SystolicArray is not { } array)
        {
            return profile;
        }
        var peak = array.PeakGops();
        var compute = profile.Compute;
        var (path, stated, derived) = array.Precision switch
        {
            Precision.Int8 => ("compute.matrixInt8Gops", compute.MatrixInt8Gops, compute with { MatrixInt8Gops = peak }),
            Precision.Float16 or Precision.Bfloat16 =>
                ("compute.matrixFloat16Gflops", compute.MatrixFloat16Gflops, compute with { MatrixFloat16Gflops = peak }),
            Precision.Tf32 => ("compute.matrixTf32Gflops", compute.MatrixTf32Gflops, compute with { MatrixTf32Gflops = peak }),
            _ => ("compute.float32Gflops", compute.Float32Gflops, compute with { Float32Gflops = peak }),
        };
        if (stated is not null)
        {
            return profile; // A stated figure wins over the idealised one.
        }
        var source = string.Create(
            CultureInfo.InvariantCulture,
            $"derived from systolicArray: {array.Rows} x {array.Columns} PEs x 2 ops per cycle x {array.ClockGhz} GHz");
        return profile with { Compute = derived, Sources = profile.Sources.ToImmutableSortedDictionary(StringComparer.Ordinal).SetItem(path, source) };
    }
}
