namespace AssetAnchor.Sample.Services;

/// <summary>One page of rows plus the total, so a client can page through without ever asking for everything.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}

public static class Paging
{
    /// <summary>The page size a listing endpoint uses when the request names none.</summary>
    public const int DefaultPageSize = 25;

    /// <summary>
    /// The largest page any listing returns. Each query service clamps the requested size with
    /// <c>Math.Clamp(pageSize, 1, MaxPageSize)</c> right before its Skip/Take, where a reader (and PG0006) sees it.
    /// </summary>
    public const int MaxPageSize = 100;
}
