namespace BetterDns.Common;

/// <summary>
/// Wraps a registered service in a decorator: the last registration of <typeparamref name="TService"/> is
/// replaced by one that builds the original (instance, factory or type, as it was registered) and hands it to
/// <paramref name="decorate"/>. Nothing happens when the service is not registered.
/// </summary>
public static class ServiceDecoration
{
    public static bool Decorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(TService) && !d.IsKeyedService);
        if (inner is null)
        {
            return false;
        }

        services.Remove(inner);
        services.Add(new ServiceDescriptor(typeof(TService), sp => decorate(Build<TService>(inner, sp), sp), inner.Lifetime));
        return true;
    }

    private static TService Build<TService>(ServiceDescriptor registered, IServiceProvider sp) where TService : class =>
        registered.ImplementationInstance as TService
            ?? (TService?)registered.ImplementationFactory?.Invoke(sp)
            ?? (TService)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
}
