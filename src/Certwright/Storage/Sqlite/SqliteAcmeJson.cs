using System.Text.Json.Serialization;
using Certwright.Acme.Server;

namespace Certwright.Storage.Sqlite;

/// <summary>The JSON form of an ACME order in <c>acme_orders.document</c> (source-generated: Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AcmeOrder))]
internal sealed partial class SqliteAcmeJson : JsonSerializerContext;
