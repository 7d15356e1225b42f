namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>What the tests of navigations read across projects share: a Shop.Infrastructure source template and the header of the project that calls it.</summary>
internal static class NavigationShop
{
    /// <summary>The using header of a dependent project that calls Shop.Infrastructure.</summary>
    public const string Usings = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop.Infrastructure;

        """;

    /// <summary>A Shop.Infrastructure template with its placeholders filled: <c>$V</c> (virtual navigations), <c>$LAZY</c> (lazy loading in OnConfiguring), <c>$RECORDS</c>.</summary>
    public static string Fill(string template, bool virtualNavigations, bool lazy, string records = "") =>
        template.Replace("$V ", virtualNavigations ? "virtual " : "").Replace("$LAZY", lazy ? "optionsBuilder.UseLazyLoadingProxies();" : "").Replace("$RECORDS", records);
}
