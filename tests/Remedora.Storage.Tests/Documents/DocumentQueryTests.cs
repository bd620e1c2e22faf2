namespace Remedora.Storage.Tests.Documents;

public class DocumentQueryTests
{
    [Fact]
    public void All_Defaults_NoConditionsKeyOrderDefaultLimit()
    {
        var query = DocumentQuery<Patient>.All;

        Assert.Empty(query.Conditions);
        Assert.Null(query.OrderByIndex);
        Assert.False(query.Descending);
        Assert.Equal(DocumentQuery<Patient>.DefaultLimit, query.Limit);
        Assert.Null(query.ContinuationToken);
    }

    [Fact]
    public void Methods_ReturnNewQueries_LeavingTheOriginalUnchanged()
    {
        var all = DocumentQuery<Patient>.All;

        var query = all.Where("jurisdiction", "US-CA").OrderBy("jurisdiction", descending: true).Take(10).After("token");

        Assert.Empty(all.Conditions);
        Assert.Equal([new QueryCondition("jurisdiction", QueryOperator.Equal, "US-CA")], query.Conditions);
        Assert.Equal(("jurisdiction", true, 10, "token"), (query.OrderByIndex, query.Descending, query.Limit, query.ContinuationToken));
        Assert.Equal(DocumentQuery<Patient>.DefaultLimit, all.OrderBy("x").Limit);
    }

    [Fact]
    public void WhereBetween_BothBounds_AddsLowerInclusiveAndUpperExclusive()
    {
        var query = DocumentQuery<WorkItem>.All.WhereBetween("priority", 1, 3);

        Assert.Equal(
            [new QueryCondition("priority", QueryOperator.GreaterThanOrEqual, 1), new QueryCondition("priority", QueryOperator.LessThan, 3)],
            query.Conditions);
    }

    [Fact]
    public void WhereBetween_NullBounds_AreLeftOut()
    {
        Assert.Equal([QueryOperator.LessThan], DocumentQuery<WorkItem>.All.WhereBetween("priority", null, 3).Conditions.Select(c => c.Operator));
        Assert.Equal([QueryOperator.GreaterThanOrEqual], DocumentQuery<WorkItem>.All.WhereBetween("priority", 1, null).Conditions.Select(c => c.Operator));
        Assert.Empty(DocumentQuery<WorkItem>.All.WhereBetween("priority", null, null).Conditions);
    }

    [Fact]
    public void Where_NullValue_IsAnEqualityWithNull()
        => Assert.Equal(new QueryCondition("claimedBy", QueryOperator.Equal, null), Assert.Single(DocumentQuery<WorkItem>.All.Where("claimedBy", null).Conditions));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Take_OutOfRange_Throws(int limit)
        => Assert.Throws<ArgumentOutOfRangeException>(() => DocumentQuery<Patient>.All.Take(limit));

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void Take_InRange_SetsLimit(int limit)
        => Assert.Equal(limit, DocumentQuery<Patient>.All.Take(limit).Limit);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void WhereAndOrderBy_BlankIndex_Throw(string index)
    {
        Assert.ThrowsAny<ArgumentException>(() => DocumentQuery<Patient>.All.Where(index, "x"));
        Assert.ThrowsAny<ArgumentException>(() => DocumentQuery<Patient>.All.OrderBy(index));
    }

    [Fact]
    public void After_Null_StartsAtTheFirstPage()
        => Assert.Null(DocumentQuery<Patient>.All.After("t").After(null).ContinuationToken);
}
