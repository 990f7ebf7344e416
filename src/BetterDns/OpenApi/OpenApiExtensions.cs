using Microsoft.OpenApi;

namespace BetterDns.OpenApi;

/// <summary>Swagger UI at /swagger with a Bearer scheme, so operators can authorise and try every route.</summary>
public static class OpenApiExtensions
{
    public const string BearerScheme = "Bearer";

    public static IHostApplicationBuilder AddBetterDnsOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "BetterDns",
                Version = "v1",
                Description = "Self-registration DNS: VMs register A records with a JWT; see docs/api.md.",
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from `betterdns token create` (or the configured OIDC issuer).",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [],
            });
            options.OperationFilter<ProblemResponsesOperationFilter>();
            options.OperationFilter<ExamplesOperationFilter>();
            options.OperationFilter<HostRoutesOperationFilter>();
        });
        return builder;
    }

    public static WebApplication UseBetterDnsOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "BetterDns v1");
            options.RoutePrefix = "swagger";
        });
        return app;
    }
}
