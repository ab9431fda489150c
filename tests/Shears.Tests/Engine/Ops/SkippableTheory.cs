using Xunit.Abstractions;
using Xunit.Sdk;

namespace Shears.Tests.Engine.Ops;

/// <summary>
/// A theory whose rows may decide at run time that they cannot run: throwing
/// <see cref="SkipTestException"/> reports the row as skipped with that reason instead of failed
/// (xUnit 2 has no dynamic skip of its own).
/// </summary>
[XunitTestCaseDiscoverer("Shears.Tests.Engine.Ops.SkippableTheoryDiscoverer", "Shears.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SkippableTheoryAttribute : TheoryAttribute;

/// <summary>Thrown by a test to be reported as skipped, with the message as the reason.</summary>
public sealed class SkipTestException(string reason) : Exception(reason);

public sealed class SkippableTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo theoryAttribute, object[] dataRow) =>
        [new SkippableTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow)];
}

public sealed class SkippableTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippableTestCase()
    {
    }

    public SkippableTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, object[] arguments)
        : base(diagnosticMessageSink, display, options, testMethod, arguments)
    {
    }

    public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        var bus = new SkipTranslatingBus(messageBus);
        var summary = await base.RunAsync(diagnosticMessageSink, bus, constructorArguments, aggregator, cancellationTokenSource);
        summary.Failed -= bus.Skipped;
        summary.Skipped += bus.Skipped;
        return summary;
    }

    /// <summary>Turns failures caused by <see cref="SkipTestException"/> into skips on their way to the runner.</summary>
    private sealed class SkipTranslatingBus(IMessageBus inner) : IMessageBus
    {
        public int Skipped { get; private set; }

        public bool QueueMessage(IMessageSinkMessage message)
        {
            if (message is ITestFailed failed && failed.ExceptionTypes.FirstOrDefault() == typeof(SkipTestException).FullName)
            {
                Skipped++;
                return inner.QueueMessage(new TestSkipped(failed.Test, failed.Messages.FirstOrDefault() ?? "skipped"));
            }
            return inner.QueueMessage(message);
        }

        public void Dispose()
        {
        }
    }
}
