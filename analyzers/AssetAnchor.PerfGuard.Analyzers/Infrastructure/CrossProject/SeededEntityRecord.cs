namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// An entity the project's EF model seeds with <c>HasData</c>, recorded by the project that configures the model
/// (a Persistence project) so that the projects referencing it, where the endpoints are, can tell a reference table
/// (PG0007) from a growing one. <c>v1e \t entity documentation ID \t L|-</c>: L when the entity has no navigation of
/// its own as the configuring model sees it (a seeded leaf, PG0007's test), - otherwise.
/// </summary>
internal sealed class SeededEntityRecord
{
    public const string Marker = "v1e";
    private const char Separator = '\t';

    public SeededEntityRecord(string entityId, bool isLeaf)
    {
        EntityId = entityId;
        IsLeaf = isLeaf;
    }

    public string EntityId { get; }

    public bool IsLeaf { get; }

    public string Encode() => Marker + Separator + EntityId.Replace('\t', ' ') + Separator + (IsLeaf ? "L" : "-");

    /// <summary>Null for any other record or a damaged one.</summary>
    public static SeededEntityRecord? Decode(string value)
    {
        var parts = value.Split(Separator);
        return parts.Length < 3 || parts[0] != Marker || parts[1].Length == 0 ? null : new SeededEntityRecord(parts[1], parts[2] == "L");
    }
}
