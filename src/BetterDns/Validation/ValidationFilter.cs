using System.Text.Json;
using FluentValidation;

namespace BetterDns.Validation;

/// <summary>
/// A group-level endpoint filter: every handler argument whose type has a registered FluentValidation
/// validator is validated before the handler runs; failures become an RFC 7807 ValidationProblem whose
/// <c>errors</c> are keyed by the field's JSON name ("name", "ip", "ips[1]", "ttl").
/// </summary>
public static class ValidationFilter
{
    public static TBuilder WithValidation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory(Create);
        return builder;
    }

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var validated = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (Index: index, Validator: FindValidator(context.ApplicationServices, parameter.ParameterType)))
            .Where(p => p.Validator is not null)
            .Select(p => (p.Index, Validator: p.Validator!))
            .ToArray();
        if (validated.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            Dictionary<string, List<string>>? errors = null;
            foreach (var (index, validator) in validated)
            {
                var argument = invocation.Arguments[index];
                if (argument is null)
                {
                    continue;
                }

                var result = await validator.ValidateAsync(
                    new ValidationContext<object>(argument),
                    invocation.HttpContext.RequestAborted);
                foreach (var failure in result.Errors)
                {
                    errors ??= [];
                    var key = ToJsonPath(failure.PropertyName);
                    if (!errors.TryGetValue(key, out var messages))
                    {
                        errors[key] = messages = [];
                    }

                    messages.Add(failure.ErrorMessage);
                }
            }

            if (errors is null)
            {
                return await next(invocation);
            }

            return TypedResults.ValidationProblem(
                errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
                detail: "The request breaks the rules listed under 'errors'; fix those fields and send it again.");
        };
    }

    private static IValidator? FindValidator(IServiceProvider services, Type type) =>
        services.GetService(typeof(IValidator<>).MakeGenericType(type)) as IValidator;

    /// <summary>"Ips[1]" → "ips[1]": the property path as the client's JSON spells it.</summary>
    private static string ToJsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
