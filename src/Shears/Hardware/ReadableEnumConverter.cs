using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shears.Hardware;

/// <summary>
/// Writes enum members in kebab case ("avx512-bw", "n:m" by its declared name) and reads them back case-insensitively,
/// also accepting the C# member name. An unknown value fails with a message that lists the known ones,
/// because profile files are written by hand.
/// </summary>
internal sealed class ReadableEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TEnum[] Members = Enum.GetValues<TEnum>();
    private static readonly string[] Names = [.. Members.Select(member => NameOf(member))];
    private static readonly string Description = JsonNamingPolicy.SnakeCaseLower.ConvertName(typeof(TEnum).Name).Replace('_', ' ');

    // Kebab case of the member name, read as a legacy spelling when a member declares its own name.
    private static readonly string[] KebabNames = [.. Members.Select(member => JsonNamingPolicy.KebabCaseLower.ConvertName(member.ToString()))];

    public static string NameOf(TEnum member) =>
        typeof(TEnum).GetField(member.ToString())?.GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false)
            is [JsonStringEnumMemberNameAttribute declared, ..]
            ? declared.Name
            : JsonNamingPolicy.KebabCaseLower.ConvertName(member.ToString());

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"{Description} must be a string, one of: {string.Join(", ", Names)}");
        }
        var text = reader.GetString() ?? "";
        for (var i = 0; i < Members.Length; i++)
        {
            if (string.Equals(text, Names[i], StringComparison.OrdinalIgnoreCase) ||
                string.Equals(text, KebabNames[i], StringComparison.OrdinalIgnoreCase) ||
                string.Equals(text, Members[i].ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return Members[i];
            }
        }
        throw new JsonException($"unknown {Description} '{text}' (known: {string.Join(", ", Names)})");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(NameOf(value));
    }
}

/// <summary>Creates <see cref="ReadableEnumConverter{TEnum}"/> for every enum type.</summary>
internal sealed class ReadableEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ReadableEnumConverter<>).MakeGenericType(typeToConvert))!;
}
