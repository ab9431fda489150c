namespace Shears.Pruning.Dependency;

/// <summary>Disjoint sets over 0..n−1 with path halving and union by size.</summary>
internal sealed class UnionFind
{
    private int[] _parent = [];
    private int[] _size = [];

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="count"/> singleton sets and returns the first new element.</summary>
    public int Add(int count)
    {
        var first = Count;
        Count += count;
        if (_parent.Length < Count)
        {
            var capacity = Math.Max(Count, _parent.Length * 2);
            Array.Resize(ref _parent, capacity);
            Array.Resize(ref _size, capacity);
        }
        for (var i = first; i < Count; i++)
        {
            _parent[i] = i;
            _size[i] = 1;
        }
        return first;
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }

    public void Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a == b)
        {
            return;
        }
        if (_size[a] < _size[b])
        {
            (a, b) = (b, a);
        }
        _parent[b] = a;
        _size[a] += _size[b];
    }
}
