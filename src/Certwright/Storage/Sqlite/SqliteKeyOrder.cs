namespace Certwright.Storage.Sqlite;

/// <summary>
/// The order <see cref="SqliteBatchWriter"/> writes a <see cref="SqliteRowBuffer"/> in, as steps: first one step per
/// location run (consecutive rows of one file) by hashed location id, then one per row by certificate id; ties in
/// arrival order. Keys in ascending order walk each B-tree's leaves one after another, where arrival order (hashed
/// keys: random) fetches a cold page for nearly every row.
/// </summary>
/// <remarks>
/// The outcome is the one arrival order gives: a location counts as new only for the row that inserted it (its run's
/// first, the earliest of equal keys), and rows of one certificate keep their arrival order, so its first location is
/// its first observation's. Reused from buffer to buffer: the arrays only grow.
/// </remarks>
internal sealed class SqliteKeyOrder
{
    /// <summary>Fewer rows than this (an endpoint's chain, an issuance) are written in arrival order.</summary>
    public const int MinimumRows = 64;

    private (long Key, int Index)[] _locations = [];
    private (long Key, int Index)[] _certificates = [];
    private int[] _runStart = [];
    private long[] _locationId = [];
    private bool[] _locationNew = [];
    private int _runs;
    private int _rows;

    /// <summary>Steps of the buffer last ordered.</summary>
    public int Steps => _runs + _rows;

    /// <summary>Orders the rows of <paramref name="rows"/>; by key when there are at least <see cref="MinimumRows"/>.</summary>
    public void Order(SqliteRowBuffer rows)
    {
        var count = rows.Count;
        if (_runStart.Length < count)
        {
            var size = Math.Max(count, _runStart.Length * 2);
            (_locations, _certificates) = (new (long, int)[size], new (long, int)[size]);
            (_runStart, _locationId, _locationNew) = (new int[size], new long[size], new bool[size]);
        }

        (_runs, _rows) = (0, count);
        for (var i = 0; i < count; i++)
        {
            ref readonly var row = ref rows[i];
            if (row.SameLocationAsPrevious)
            {
                _runStart[i] = _runStart[i - 1];
            }
            else
            {
                _runStart[i] = i;
                _locations[_runs++] = (row.LocationHash, i);
            }

            _certificates[i] = (row.FirstId, i);
        }

        if (count >= MinimumRows)
        {
            _locations.AsSpan(0, _runs).Sort();
            _certificates.AsSpan(0, count).Sort();
        }
    }

    /// <summary>Whether step <paramref name="step"/> resolves a location run (else it writes a row).</summary>
    public bool IsLocationStep(int step) => step < _runs;

    /// <summary>The row step <paramref name="step"/> stands for: a location run's first row, or the row to write.</summary>
    public int RowOf(int step) => step < _runs ? _locations[step].Index : _certificates[step - _runs].Index;

    /// <summary>The location run starting at row <paramref name="runStart"/> resolved to <paramref name="id"/>.</summary>
    public void SetLocation(int runStart, long id, bool isNew) => (_locationId[runStart], _locationNew[runStart]) = (id, isNew);

    /// <summary>Row <paramref name="row"/>'s location id, and whether it is new for this row.</summary>
    public (long Id, bool IsNew) LocationOf(int row)
    {
        var start = _runStart[row];
        return (_locationId[start], _locationNew[start] && start == row);
    }
}
