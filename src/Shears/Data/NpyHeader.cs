using System.Globalization;

namespace Shears.Data;

/// <summary>
/// The header of a <c>.npy</c> file, a Python dictionary literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>, parsed by a small reader of
/// exactly the literals NumPy writes there (strings, True/False, tuples of integers).
/// </summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, IReadOnlyList<int> Shape)
{
    public static NpyHeader Parse(string text, string source)
    {
        var reader = new Reader(text, source);
        string? descr = null;
        bool? fortran = null;
        List<int>? shape = null;
        reader.Expect('{');
        while (!reader.TryTake('}'))
        {
            var key = reader.String();
            reader.Expect(':');
            switch (key)
            {
                case "descr":
                    descr = reader.Peek() == '[' ? throw reader.Error("structured NumPy types are not supported; save a plain numeric array") : reader.String();
                    break;
                case "fortran_order":
                    fortran = reader.Boolean();
                    break;
                case "shape":
                    shape = reader.Tuple();
                    break;
                default:
                    throw reader.Error($"unexpected key '{key}'");
            }
            if (!reader.TryTake(','))
            {
                reader.Expect('}');
                break;
            }
        }
        if (descr is null || fortran is null || shape is null)
        {
            throw new ShearsException($"{source}: the .npy header lacks {(descr is null ? "'descr'" : fortran is null ? "'fortran_order'" : "'shape'")}");
        }
        return new NpyHeader(descr, fortran.Value, shape);
    }

    private sealed class Reader(string text, string source)
    {
        private int _at;

        public char Peek()
        {
            SkipSpace();
            return _at < text.Length ? text[_at] : '\0';
        }

        public bool TryTake(char c)
        {
            if (Peek() != c)
            {
                return false;
            }
            _at++;
            return true;
        }

        public void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw Error($"expected '{c}'");
            }
        }

        public string String()
        {
            var quote = Peek();
            if (quote is not ('\'' or '"'))
            {
                throw Error("expected a quoted string");
            }
            var end = text.IndexOf(quote, _at + 1);
            if (end < 0)
            {
                throw Error("unterminated string");
            }
            var value = text[(_at + 1)..end];
            _at = end + 1;
            return value;
        }

        public bool Boolean()
        {
            SkipSpace();
            foreach (var (word, value) in new[] { ("True", true), ("False", false) })
            {
                if (string.CompareOrdinal(text, _at, word, 0, word.Length) == 0)
                {
                    _at += word.Length;
                    return value;
                }
            }
            throw Error("expected True or False");
        }

        public List<int> Tuple()
        {
            Expect('(');
            var dims = new List<int>();
            while (!TryTake(')'))
            {
                SkipSpace();
                var start = _at;
                while (_at < text.Length && char.IsAsciiDigit(text[_at]))
                {
                    _at++;
                }
                // NumPy 1.x wrote 'L' after large integers in Python 2; accept and skip it.
                var digits = text[start.._at];
                if (_at < text.Length && text[_at] == 'L')
                {
                    _at++;
                }
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var dim))
                {
                    throw Error("expected a dimension size");
                }
                dims.Add(dim);
                if (!TryTake(','))
                {
                    Expect(')');
                    break;
                }
            }
            return dims;
        }

        public ShearsException Error(string problem) => new($"{source}: corrupt .npy header at character {_at}: {problem}");

        private void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }
    }
}
