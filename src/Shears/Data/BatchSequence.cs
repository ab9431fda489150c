namespace Shears.Data;

/// <summary>The batches of one epoch, for <c>foreach</c> without allocation; every step refills the same <see cref="Batch"/>.</summary>
public readonly struct BatchSequence
{
    private readonly BatchLoader _loader;
    private readonly Batch _batch;

    internal BatchSequence(BatchLoader loader, Batch batch)
    {
        _loader = loader;
        _batch = batch;
    }

    /// <summary>Starts at the epoch's first batch.</summary>
    public Enumerator GetEnumerator() => new(_loader, _batch);

    /// <summary>Loads the next batch on each <see cref="MoveNext"/>.</summary>
    public struct Enumerator
    {
        private readonly BatchLoader _loader;
        private int _next;

        internal Enumerator(BatchLoader loader, Batch batch)
        {
            _loader = loader;
            Current = batch;
            _next = 0;
        }

        /// <summary>The shared batch, holding the batch last loaded.</summary>
        public readonly Batch Current { get; }

        /// <summary>Loads the next batch of the epoch into <see cref="Current"/>; false after the last.</summary>
        public bool MoveNext()
        {
            if (_next >= _loader.BatchCount)
            {
                return false;
            }
            _loader.Fill(_next++, Current);
            return true;
        }
    }
}
