namespace AssetAnchor.Sample.Services;

/// <summary>One page of rows plus the total, so a client can page through without ever asking for everything.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}

public static class Paging
{
    public const int DefaultPageSize = 25;

    /// <summary>No request can ask for more rows than this, whatever its pageSize says.</summary>
    public const int MaxPageSize = 100;

    public static int ClampPage(int page) => Math.Max(page, 1);

    public static int ClampPageSize(int pageSize) => Math.Clamp(pageSize, 1, MaxPageSize);
}
