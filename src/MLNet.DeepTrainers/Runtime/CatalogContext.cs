using System.Reflection;
using Microsoft.ML.Runtime;

namespace MLNet.DeepTrainers;

/// <summary>What a deep trainer takes from the MLContext it was made from: its environment (seeded random numbers, the log) and its GPU settings.</summary>
/// <param name="Environment">The context's environment: a host registered on it draws from the context's seed.</param>
/// <param name="GpuDeviceId">The context's <c>GpuDeviceId</c>.</param>
/// <param name="FallbackToCpu">The context's <c>FallbackToCpu</c>.</param>
internal sealed record CatalogContext(IHostEnvironment Environment, int? GpuDeviceId, bool FallbackToCpu)
{
    private const string EnvironmentProperty = "Microsoft.ML.Data.IInternalCatalog.Environment";

    /// <summary>
    /// The context behind an ML.NET trainer catalog. ML.NET keeps it behind an internal interface
    /// (<c>IInternalCatalog.Environment</c>, and <c>GpuDeviceId</c>/<c>FallbackToCpu</c> on its internal
    /// environment type) that an outside library cannot call, yet users rightly expect
    /// <c>new MLContext(seed: s)</c>, <c>GpuDeviceId</c>, <c>FallbackToCpu</c> and the context's log to hold
    /// for the deep trainers as for ML.NET's own. This is the one place that reads them (a test fails the
    /// day ML.NET moves them); the options' <c>Seed</c> and <c>Device</c> work without them.
    /// </summary>
    public static CatalogContext Of(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        for (var type = catalog.GetType(); type is not null; type = type.BaseType)
        {
            var property = type.GetProperty(EnvironmentProperty, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
            if (property?.GetValue(catalog) is not IHostEnvironment environment)
                continue;
            var gpu = environment.GetType().GetProperty(nameof(MLContext.GpuDeviceId), BindingFlags.Instance | BindingFlags.Public);
            var fallback = environment.GetType().GetProperty(nameof(MLContext.FallbackToCpu), BindingFlags.Instance | BindingFlags.Public);
            if (gpu?.PropertyType == typeof(int?) && fallback?.PropertyType == typeof(bool))
                return new CatalogContext(environment, (int?)gpu.GetValue(environment), (bool)fallback.GetValue(environment)!);
        }
        throw new InvalidOperationException($"MLNet.DeepTrainers could not read the MLContext behind {catalog.GetType().FullName}: " +
            $"Microsoft.ML {typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion} no longer has {EnvironmentProperty} " +
            "with GpuDeviceId and FallbackToCpu. This version of the library needs Microsoft.ML 6.0.");
    }

    /// <summary>The context itself, for the library's own catalogs (<see cref="MultiLabelClassificationCatalog"/>): no guarded read is needed.</summary>
    public static CatalogContext Of(MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return new CatalogContext(ml, ml.GpuDeviceId, ml.FallbackToCpu);
    }

    /// <summary>A host for one trainer: its random numbers follow the context's seed, as ML.NET's own trainers' do.</summary>
    public IHost Host(string name) => Environment.Register(name);
}
