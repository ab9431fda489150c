using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shears.Hardware;

/// <summary>
/// Writes enum members in kebab case ("avx512-bw", "n-of-m") and reads them back case-insensitively,
/// also accepting the C# member name. An unknown value fails with a message that lists the known ones,
/// because profile files are written by hand.
/// </summary>
internal sealed class ReadableEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TEnum[] _members = Enum.GetValues<TEnum>();
    private static readonly string[] _names = [.. _members.Select(member => NameOf(member))];
    private static readonly string _description = JsonNamingPolicy.SnakeCaseLower.ConvertName(typeof(TEnum).Name).Replace('_', ' ');

    public static string NameOf(TEnum member) => JsonNamingPolicy.KebabCaseLower.ConvertName(member.ToString());

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"{_description} must be a string, one of: {string.Join(", ", _names)}");
        }
        var text = reader.GetString() ?? "";
        for (var i = 0; i < _members.Length; i++)
        {
            if (string.Equals(text, _names[i], StringComparison.OrdinalIgnoreCase) ||
                string.Equals(text, _members[i].ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return _members[i];
            }
        }
        throw new JsonException($"unknown {_description} '{text}' (known: {string.Join(", ", _names)})");
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
