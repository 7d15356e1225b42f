using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

// Locals assigned from locals, twice each, 40 deep: the pagination rules must stay linear here.
public class Row { public int Id { get; set; } public int Size { get; set; } }
public class RowContext : DbContext { public DbSet<Row> Rows => Set<Row>(); }

[ApiController, Route("api/rows")]
public class RowsController(RowContext db) : ControllerBase
{
    [HttpGet]
    public async Task<List<Row>> Get(bool flag, int size)
    {
        var q0 = db.Rows.AsQueryable();
        var s0 = size;
        var q1 = flag ? q0.Where(r => r.Id > 1) : q0.Where(r => r.Id < 1); var s1 = flag ? s0 + 1 : s0 * 2;
        var q2 = flag ? q1.Where(r => r.Id > 2) : q1.Where(r => r.Id < 2); var s2 = flag ? s1 + 1 : s1 * 2;
        var q3 = flag ? q2.Where(r => r.Id > 3) : q2.Where(r => r.Id < 3); var s3 = flag ? s2 + 1 : s2 * 2;
        var q4 = flag ? q3.Where(r => r.Id > 4) : q3.Where(r => r.Id < 4); var s4 = flag ? s3 + 1 : s3 * 2;
        var q5 = flag ? q4.Where(r => r.Id > 5) : q4.Where(r => r.Id < 5); var s5 = flag ? s4 + 1 : s4 * 2;
        var q6 = flag ? q5.Where(r => r.Id > 6) : q5.Where(r => r.Id < 6); var s6 = flag ? s5 + 1 : s5 * 2;
        var q7 = flag ? q6.Where(r => r.Id > 7) : q6.Where(r => r.Id < 7); var s7 = flag ? s6 + 1 : s6 * 2;
        var q8 = flag ? q7.Where(r => r.Id > 8) : q7.Where(r => r.Id < 8); var s8 = flag ? s7 + 1 : s7 * 2;
        var q9 = flag ? q8.Where(r => r.Id > 9) : q8.Where(r => r.Id < 9); var s9 = flag ? s8 + 1 : s8 * 2;
        var q10 = flag ? q9.Where(r => r.Id > 10) : q9.Where(r => r.Id < 10); var s10 = flag ? s9 + 1 : s9 * 2;
        var q11 = flag ? q10.Where(r => r.Id > 11) : q10.Where(r => r.Id < 11); var s11 = flag ? s10 + 1 : s10 * 2;
        var q12 = flag ? q11.Where(r => r.Id > 12) : q11.Where(r => r.Id < 12); var s12 = flag ? s11 + 1 : s11 * 2;
        var q13 = flag ? q12.Where(r => r.Id > 13) : q12.Where(r => r.Id < 13); var s13 = flag ? s12 + 1 : s12 * 2;
        var q14 = flag ? q13.Where(r => r.Id > 14) : q13.Where(r => r.Id < 14); var s14 = flag ? s13 + 1 : s13 * 2;
        var q15 = flag ? q14.Where(r => r.Id > 15) : q14.Where(r => r.Id < 15); var s15 = flag ? s14 + 1 : s14 * 2;
        var q16 = flag ? q15.Where(r => r.Id > 16) : q15.Where(r => r.Id < 16); var s16 = flag ? s15 + 1 : s15 * 2;
        var q17 = flag ? q16.Where(r => r.Id > 17) : q16.Where(r => r.Id < 17); var s17 = flag ? s16 + 1 : s16 * 2;
        var q18 = flag ? q17.Where(r => r.Id > 18) : q17.Where(r => r.Id < 18); var s18 = flag ? s17 + 1 : s17 * 2;
        var q19 = flag ? q18.Where(r => r.Id > 19) : q18.Where(r => r.Id < 19); var s19 = flag ? s18 + 1 : s18 * 2;
        var q20 = flag ? q19.Where(r => r.Id > 20) : q19.Where(r => r.Id < 20); var s20 = flag ? s19 + 1 : s19 * 2;
        var q21 = flag ? q20.Where(r => r.Id > 21) : q20.Where(r => r.Id < 21); var s21 = flag ? s20 + 1 : s20 * 2;
        var q22 = flag ? q21.Where(r => r.Id > 22) : q21.Where(r => r.Id < 22); var s22 = flag ? s21 + 1 : s21 * 2;
        var q23 = flag ? q22.Where(r => r.Id > 23) : q22.Where(r => r.Id < 23); var s23 = flag ? s22 + 1 : s22 * 2;
        var q24 = flag ? q23.Where(r => r.Id > 24) : q23.Where(r => r.Id < 24); var s24 = flag ? s23 + 1 : s23 * 2;
        var q25 = flag ? q24.Where(r => r.Id > 25) : q24.Where(r => r.Id < 25); var s25 = flag ? s24 + 1 : s24 * 2;
        var q26 = flag ? q25.Where(r => r.Id > 26) : q25.Where(r => r.Id < 26); var s26 = flag ? s25 + 1 : s25 * 2;
        var q27 = flag ? q26.Where(r => r.Id > 27) : q26.Where(r => r.Id < 27); var s27 = flag ? s26 + 1 : s26 * 2;
        var q28 = flag ? q27.Where(r => r.Id > 28) : q27.Where(r => r.Id < 28); var s28 = flag ? s27 + 1 : s27 * 2;
        var q29 = flag ? q28.Where(r => r.Id > 29) : q28.Where(r => r.Id < 29); var s29 = flag ? s28 + 1 : s28 * 2;
        var q30 = flag ? q29.Where(r => r.Id > 30) : q29.Where(r => r.Id < 30); var s30 = flag ? s29 + 1 : s29 * 2;
        var page = await q30.Skip(s30).Take(s30).ToListAsync();
        return await q30.ToListAsync();
    }
}
