using AssetAnchor.Sample.Domain;
using AssetAnchor.Sample.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AssetAnchor.Sample.Controllers;

[ApiController]
[Authorize]
[Route("api/properties")]
public sealed class PropertiesController(IPropertyQueries properties) : ControllerBase
{
    /// <summary>GET /api/properties?city=Austin&amp;status=Available&amp;sort=RentAscending&amp;page=2&amp;pageSize=25</summary>
    [HttpGet]
    public async Task<ActionResult<PagedResult<PropertySummary>>> List(
        [FromQuery] string? city,
        [FromQuery] PropertyStatus? status,
        [FromQuery] PropertyType? type,
        [FromQuery] long? minRentCents,
        [FromQuery] long? maxRentCents,
        [FromQuery] int? minBedrooms,
        [FromQuery] PropertySort sort = PropertySort.Name,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        var filter = new PropertyFilter(city, status, type, minRentCents, maxRentCents, minBedrooms, sort);
        return Ok(await properties.ListAsync(filter, page, pageSize, cancellationToken));
    }

    [HttpGet("{id:int}")]
    public async Task<ActionResult<PropertyDetail>> Detail(int id, CancellationToken cancellationToken)
    {
        var detail = await properties.GetDetailAsync(id, cancellationToken);
        return detail is null ? NotFound() : Ok(detail);
    }
}
