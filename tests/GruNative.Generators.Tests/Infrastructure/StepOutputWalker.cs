using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace GruNative.Generators.Tests.Infrastructure;

/// <summary>
/// Walks a pipeline step's output object graph (fields of records and classes, elements of collections, tuple items)
/// and lists every value that holds on to a compilation: a <see cref="Compilation"/>, <see cref="ISymbol"/>,
/// <see cref="SyntaxNode"/>, <see cref="SyntaxTree"/>, <see cref="SemanticModel"/> or a source <see cref="Location"/>.
/// Such values defeat caching (they differ on every edit) and keep whole compilations alive in the IDE.
/// </summary>
internal static class StepOutputWalker
{
    private static readonly Type[] Banned =
        [typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(Location)];

    /// <summary>Paths (e.g. <c>ModelToEmit.Declaration.Location</c>) to every banned value reachable from <paramref name="root"/>.</summary>
    public static List<string> FindBanned(object? root)
    {
        var found = new List<string>();
        Walk(root, root?.GetType().Name ?? "null", found, new HashSet<object>(ReferenceEqualityComparer.Instance), depth: 0);
        return found;
    }

    private static void Walk(object? value, string path, List<string> found, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 32)
            return;
        var type = value.GetType();
        if (Banned.Any(b => b.IsAssignableFrom(type)))
        {
            found.Add($"{path}: {type.FullName}");
            return;
        }
        if (type.IsPrimitive || type.IsEnum || value is string || value is decimal)
            return;
        if (!type.IsValueType && !seen.Add(value))
            return;

        if (value is IEnumerable sequence)
        {
            var elementType = type.IsArray ? type.GetElementType() : type.GetInterfaces()
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
            if (elementType is not null && (elementType.IsPrimitive || elementType == typeof(string)))
                return; // e.g. the weights: nothing to find in a float[]
            int index = 0;
            foreach (var item in sequence)
                Walk(item, $"{path}[{index++}]", found, seen, depth + 1);
            return;
        }

        // Roslyn's own value types (TextSpan, LinePositionSpan, DiagnosticDescriptor…) are checked by type above but not entered.
        if (type.Assembly == typeof(Compilation).Assembly && type != typeof(object))
            return;
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                string name = field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>')] : field.Name;
                Walk(field.GetValue(value), $"{path}.{name}", found, seen, depth + 1);
            }
        }
    }
}
