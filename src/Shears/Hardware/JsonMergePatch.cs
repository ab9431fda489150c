using System.Text.Json.Nodes;

namespace Shears.Hardware;

/// <summary>
/// JSON Merge Patch (RFC 7386): objects merge property by property, a null removes a property,
/// anything else (numbers, strings, arrays) replaces. This is how a profile overrides the one it is based on.
/// </summary>
internal static class JsonMergePatch
{
    public static JsonObject Apply(JsonObject target, JsonObject patch)
    {
        var result = (JsonObject)target.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject patchObject && result[key] is JsonObject targetObject)
            {
                result[key] = Apply(targetObject, patchObject);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }
        return result;
    }
}
