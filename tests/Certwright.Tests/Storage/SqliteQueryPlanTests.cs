using Certwright.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Certwright.Tests.Storage;

/// <summary>
/// Guards the access paths the inventory's speed rests on, as the bundled SQLite plans them: no statement may
/// scan a whole table (but the one SHA-1/serial look-up), and the list must walk the expiry-ordered rowid. Regression: SQLite 3.53 planned the
/// namespace filter as a walk over every location of the namespace per candidate (minutes on 1M rows).
/// </summary>
public sealed class SqliteQueryPlanTests
{
    public static TheoryData<string, string> Statements => new()
    {
        { nameof(SqliteSql.List), SqliteSql.List },
        { nameof(SqliteSql.ListInNamespace), SqliteSql.ListInNamespace },
        { nameof(SqliteSql.SelectEntryById), SqliteSql.SelectEntryById },
        { nameof(SqliteSql.SelectEntryBySha256), SqliteSql.SelectEntryBySha256 },
        { nameof(SqliteSql.FindBySha256Range), SqliteSql.FindBySha256Range },
        { nameof(SqliteSql.SelectSightings), SqliteSql.SelectSightings },
        { nameof(SqliteSql.SelectDer), SqliteSql.SelectDer },
        { nameof(SqliteSql.SelectEventsOfEndpoint), SqliteSql.SelectEventsOfEndpoint },
        { nameof(SqliteSql.SelectCertificateId), SqliteSql.SelectCertificateId },
        { nameof(SqliteSql.SelectCertificateAt), SqliteSql.SelectCertificateAt },
        { nameof(SqliteSql.MaxDerId), SqliteSql.MaxDerId },
        { nameof(SqliteSql.CountSighting), SqliteSql.CountSighting },
        { nameof(SqliteSql.SelectLocationAt), SqliteSql.SelectLocationAt },
        { nameof(SqliteSql.UpdateSighting), SqliteSql.UpdateSighting },
        { nameof(SqliteSql.SelectEndpointCurrent), SqliteSql.SelectEndpointCurrent },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Statement_OnSchema_NeverScansATable(string name, string sql)
    {
        var plan = await PlanAsync(sql);

        // Sorting the few rows of one certificate or endpoint is fine; walking a table is not.
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.NotEmpty(plan);
        Assert.NotNull(name);
    }

    [Fact]
    public async Task FindBySha1RangeOrSerial_ScansOnceByDesign()
    {
        // SHA-1 and serial lookups (show) trade one scan for two fewer indexes on every insert.
        var plan = await PlanAsync(SqliteSql.FindBySha1RangeOrSerial);

        Assert.Equal(["SCAN certificates"], plan);
    }

    [Fact]
    public async Task List_WalksTheExpiryOrderedRowid()
    {
        var plan = await PlanAsync(SqliteSql.List);

        Assert.Equal(["SEARCH c USING INTEGER PRIMARY KEY (rowid<?)"], plan);
    }

    [Fact]
    public async Task ListInNamespace_ProbesTheCandidatesSightingsThenTheirLocations()
    {
        var plan = await PlanAsync(SqliteSql.ListInNamespace);

        Assert.Equal(
            [
                "SEARCH c USING INTEGER PRIMARY KEY (rowid<?)",
                "CORRELATED SCALAR SUBQUERY 1",
                "SEARCH s USING PRIMARY KEY (certificate_id=?)",
                "SEARCH l USING INTEGER PRIMARY KEY (rowid=?)",
            ],
            plan);
    }

    private static async Task<List<string>> PlanAsync(string sql)
    {
        await using var fixture = new StoreFixture();
        await using var store = await fixture.OpenAsync();
        using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-z_0-9]+").Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, 1);
        }

        var steps = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }
}
