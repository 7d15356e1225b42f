using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Corpus.Recursion;

public class Node { public int Id { get; set; } public int? ParentId { get; set; } public Node? Parent { get; set; } public List<Node> Children { get; set; } = new(); }
public class TreeContext : DbContext { public DbSet<Node> Nodes => Set<Node>(); }

public interface IWalker { Task<int> Walk(int id, int depth); }
public class Walker(TreeContext db, IWalker next) : IWalker
{
    public async Task<int> Walk(int id, int depth) => depth == 0 ? 0 : await next.Walk(id, depth - 1) + await Ping(id);
    private Task<int> Ping(int id) => Pong(id);
    private Task<int> Pong(int id) => id > 10 ? Ping(id - 1) : db.Nodes.CountAsync(n => n.Id == id);
}

public class OtherWalker(IWalker walker) : IWalker
{
    public Task<int> Walk(int id, int depth) => walker.Walk(id, depth);
}

public class Tree(TreeContext db, IWalker walker)
{
    public async Task<int> Sum(List<int> ids)
    {
        var total = 0;
        foreach (var id in ids)
        {
            total += await walker.Walk(id, 3);
            total += await Depth(id);
        }

        return total;

        async Task<int> Depth(int id)
        {
            var node = await db.Nodes.FirstAsync(n => n.Id == id);
            return node.ParentId is null ? 0 : 1 + await Depth(node.ParentId.Value);
        }
    }

    public int Self(int n) => n <= 0 ? 0 : Self(n - 1) + Self(n - 2);

    public Func<int, int>? Recursive;

    public void Loop(List<int> ids)
    {
        Func<int, int> f = null!;
        f = i => i <= 0 ? db.Nodes.Count() : f(i - 1);
        foreach (var id in ids) { Recursive?.Invoke(id); f(id); Self(id); }
    }
}
