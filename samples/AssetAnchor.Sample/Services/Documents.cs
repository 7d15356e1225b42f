using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Domain;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Services;

public sealed record DocumentInfo(int Id, int PropertyId, string FileName, string ContentType, long SizeBytes, DateTime UploadedAtUtc);

public sealed record DocumentContent(string FileName, string ContentType, byte[] Content);

public interface IDocumentStore
{
    /// <summary>Stores a document for a property; null when the property does not exist.</summary>
    Task<DocumentInfo?> UploadAsync(int propertyId, string fileName, string contentType, Stream content, CancellationToken cancellationToken = default);

    Task<DocumentContent?> DownloadAsync(int documentId, CancellationToken cancellationToken = default);

    /// <summary>Documents whose file name contains <paramref name="term"/>, newest first; the content is never read.</summary>
    Task<PagedResult<DocumentInfo>> SearchAsync(string? term, int? propertyId, int page, int pageSize, CancellationToken cancellationToken = default);
}

public sealed class DocumentStore(AssetAnchorDbContext db, TimeProvider clock) : IDocumentStore
{
    public const int MaxPageSize = Paging.MaxPageSize;
    public const long MaxDocumentBytes = 5 * 1024 * 1024;

    public async Task<DocumentInfo?> UploadAsync(
        int propertyId, string fileName, string contentType, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentNullException.ThrowIfNull(content);

        if (!await db.Properties.AnyAsync(p => p.Id == propertyId, cancellationToken))
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxDocumentBytes)
        {
            throw new InvalidDataException($"A document may hold at most {MaxDocumentBytes} bytes; this one has {buffer.Length}.");
        }

        var document = new Document
        {
            PropertyId = propertyId,
            FileName = Path.GetFileName(fileName),
            ContentType = contentType,
            SizeBytes = buffer.Length,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            Content = buffer.ToArray(),
        };
        db.Documents.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        return new DocumentInfo(document.Id, document.PropertyId, document.FileName, document.ContentType, document.SizeBytes, document.UploadedAtUtc);
    }

    public Task<DocumentContent?> DownloadAsync(int documentId, CancellationToken cancellationToken = default) =>
        db.Documents
            .AsNoTracking()
            .Where(d => d.Id == documentId)
            .Select(d => new DocumentContent(d.FileName, d.ContentType, d.Content))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<PagedResult<DocumentInfo>> SearchAsync(
        string? term, int? propertyId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);

        var query = db.Documents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(term))
        {
            var fragment = term.Trim();
            query = query.Where(d => d.FileName.Contains(fragment));
        }

        if (propertyId is { } id)
        {
            query = query.Where(d => d.PropertyId == id);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(d => d.UploadedAtUtc)
            .ThenBy(d => d.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(d => new DocumentInfo(d.Id, d.PropertyId, d.FileName, d.ContentType, d.SizeBytes, d.UploadedAtUtc))
            .ToListAsync(cancellationToken);

        return new PagedResult<DocumentInfo>(items, page, pageSize, total);
    }
}
