using AssetAnchor.Sample.Services;
using Microsoft.AspNetCore.Mvc;

namespace AssetAnchor.Sample.Endpoints;

public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        // The body is the file; its name travels in the query and its type in Content-Type (no form parsing needed).
        api.MapPost("/properties/{propertyId:int}/documents", async (
            int propertyId, [FromQuery] string fileName, HttpRequest request, IDocumentStore documents, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(fileName))
            {
                return Results.BadRequest(new { error = "fileName is required." });
            }

            if (request.ContentLength > DocumentStore.MaxDocumentBytes)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var contentType = string.IsNullOrWhiteSpace(request.ContentType) ? "application/octet-stream" : request.ContentType;
            try
            {
                var stored = await documents.UploadAsync(propertyId, fileName, contentType, request.Body, cancellationToken);
                return stored is null ? Results.NotFound() : Results.Created($"/api/documents/{stored.Id}", stored);
            }
            catch (InvalidDataException)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }
        });

        api.MapGet("/documents/{id:int}", async (int id, IDocumentStore documents, CancellationToken cancellationToken) =>
            await documents.DownloadAsync(id, cancellationToken) is { } document
                ? Results.File(document.Content, document.ContentType, document.FileName)
                : Results.NotFound());

        api.MapGet("/documents", async (
            [FromQuery] string? q,
            [FromQuery] int? propertyId,
            IDocumentStore documents,
            CancellationToken cancellationToken,
            [FromQuery] int page = 1,
            [FromQuery] int pageSize = Paging.DefaultPageSize) =>
            Results.Ok(await documents.SearchAsync(q, propertyId, page, pageSize, cancellationToken)));

        return app;
    }
}
