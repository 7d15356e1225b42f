using AssetAnchor.Sample.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AssetAnchor.Sample.Controllers;

[ApiController]
[Authorize]
[Route("api/tenants")]
public sealed class TenantsController(ITenantQueries tenants) : ControllerBase
{
    /// <summary>GET /api/tenants?q=smi&amp;page=1&amp;pageSize=25</summary>
    [HttpGet]
    public async Task<ActionResult<PagedResult<TenantSummary>>> Search(
        [FromQuery] string? q,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        Ok(await tenants.SearchAsync(q, page, pageSize, cancellationToken));

    [HttpGet("{id:int}/background-check")]
    public async Task<ActionResult<BackgroundCheckResult>> BackgroundCheck(int id, CancellationToken cancellationToken)
    {
        var result = await tenants.GetBackgroundCheckAsync(id, cancellationToken);
        return result is null ? NotFound() : Ok(result);
    }
}
