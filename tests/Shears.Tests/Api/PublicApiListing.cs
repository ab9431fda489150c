using System.Reflection;
using System.Text;

namespace Shears.Tests.Api;

/// <summary>
/// Writes an assembly's public surface as sorted text, one type or member per line, so that a change to the API shows
/// up as a diff of the checked-in listing.
/// </summary>
internal static class PublicApiListing
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Of(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeLine(type)).Append('\n');
            foreach (var member in Members(type).Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string TypeLine(Type type)
    {
        var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct"
            : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(Name(baseType));
        }
        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return $"{kind} {Name(type)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
    }

    private static IEnumerable<string> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (var name in Enum.GetNames(type))
            {
                yield return $"{name} = {Convert.ToInt64(Enum.Parse(type, name), System.Globalization.CultureInfo.InvariantCulture)}";
            }
            yield break;
        }
        foreach (var constructor in type.GetConstructors(Declared))
        {
            yield return $"ctor({Parameters(constructor)})";
        }
        foreach (var property in type.GetProperties(Declared))
        {
            var accessors = string.Join(" ", new[] { property.GetMethod, property.SetMethod }
                .Where(m => m is { IsPublic: true } || m is { IsFamily: true })
                .Select(m => m == property.GetMethod ? "get" : IsInitOnly(m!) ? "init" : "set"));
            var isStatic = (property.GetMethod ?? property.SetMethod)!.IsStatic ? "static " : "";
            var indexer = property.GetIndexParameters() is { Length: > 0 } index ? $"[{string.Join(", ", index.Select(p => $"{Name(p.ParameterType)} {p.Name}"))}]" : "";
            yield return $"{isStatic}{Name(property.PropertyType)} {property.Name}{indexer} {{ {accessors} }}";
        }
        foreach (var field in type.GetFields(Declared))
        {
            var modifier = field.IsLiteral ? "const " : field.IsStatic ? field.IsInitOnly ? "static readonly " : "static " : field.IsInitOnly ? "readonly " : "";
            yield return $"{modifier}{Name(field.FieldType)} {field.Name}";
        }
        foreach (var method in type.GetMethods(Declared).Where(m => !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal)))
        {
            var generic = method.IsGenericMethod ? $"<{string.Join(", ", method.GetGenericArguments().Select(a => a.Name))}>" : "";
            var modifier = method.IsStatic ? "static " : method.IsAbstract && !type.IsInterface ? "abstract " : method.IsVirtual && !method.IsFinal && !type.IsInterface ? "virtual " : "";
            yield return $"{modifier}{Name(method.ReturnType)} {method.Name}{generic}({Parameters(method)})";
        }
        foreach (var e in type.GetEvents(Declared))
        {
            yield return $"event {Name(e.EventHandlerType!)} {e.Name}";
        }
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string Parameters(MethodBase method) => string.Join(", ", method.GetParameters().Select(p =>
    {
        var prefix = p.IsOut ? "out " : p.ParameterType.IsByRef ? p.IsIn ? "in " : "ref " : "";
        var type = p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType;
        var defaultValue = p.HasDefaultValue ? " = " + (p.DefaultValue is null ? "null" : p.DefaultValue is string s ? $"\"{s}\"" : Convert.ToString(p.DefaultValue, System.Globalization.CultureInfo.InvariantCulture)) : "";
        return $"{prefix}{Name(type)} {p.Name}{defaultValue}";
    }));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }
        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }
        var name = type.IsNested ? $"{Name(type.DeclaringType!)}.{type.Name}" : type.Namespace is "System" or "System.Collections.Generic" or null ? type.Name : $"{type.Namespace}.{type.Name}";
        if (type.IsGenericType)
        {
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            var arguments = type.GetGenericArguments();
            if (type.IsNested && type.DeclaringType!.IsGenericType)
            {
                arguments = arguments.Skip(type.DeclaringType.GetGenericArguments().Length).ToArray();
            }
            return (tick >= 0 ? name[..tick] : name) + (arguments.Length > 0 ? $"<{string.Join(", ", arguments.Select(Name))}>" : "");
        }
        return name;
    }
}
