# BetterDns with CoreDNS in one container: BetterDns takes registrations over HTTP, writes the zone
# file, and starts and supervises CoreDNS, which answers DNS from that file (Dns:Server=coredns).
# Not built in CI (no Docker engine there); see docs/dns-controller.md.
#
#   docker build -t betterdns .
#   docker run -p 5080:5080 -p 53:53/udp -p 53:53/tcp -v betterdns-data:/data betterdns

ARG COREDNS_VERSION=1.12.0

# 1. The coredns binary, from the official image (a static Go binary).
FROM coredns/coredns:${COREDNS_VERSION} AS coredns

# 2. Build and publish BetterDns.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/BetterDns.Zone/BetterDns.Zone.csproj src/BetterDns.Zone/
COPY src/BetterDns.ZoneTool/BetterDns.ZoneTool.csproj src/BetterDns.ZoneTool/
COPY src/BetterDns/BetterDns.csproj src/BetterDns/
RUN dotnet restore src/BetterDns/BetterDns.csproj
COPY src/ src/
RUN dotnet publish src/BetterDns/BetterDns.csproj -c Release --no-restore -o /app

# 3. Run on the ASP.NET runtime image.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# setcap gives coredns the right to bind port 53 without root; the package is removed afterwards.
COPY --from=coredns /coredns /usr/local/bin/coredns
RUN apt-get update \
 && apt-get install -y --no-install-recommends libcap2-bin \
 && setcap 'cap_net_bind_service=+ep' /usr/local/bin/coredns \
 && apt-get purge -y libcap2-bin && apt-get autoremove -y && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown app:app /data
COPY --from=build /app /app
COPY coredns/Corefile /etc/coredns/Corefile.example

# Settings (BETTERDNS__ prefix, sections separated by __); docs/deploy.md lists every one.
ENV BETTERDNS__Urls=http://0.0.0.0:5080 \
    BETTERDNS__Storage__DataDirectory=/data \
    BETTERDNS__Zone__Origin=cluster.internal. \
    BETTERDNS__Dns__Server=coredns \
    BETTERDNS__Dns__ApplyStrategy=serial \
    BETTERDNS__Dns__CoreDns__Binary=/usr/local/bin/coredns \
    BETTERDNS__Dns__CoreDns__Listen=0.0.0.0:53 \
    BETTERDNS__Dns__CoreDns__Metrics=0.0.0.0:9153

# 5080: the HTTP API (/healthz, /readyz, /metrics); 53: DNS over UDP and TCP; 9153: CoreDNS metrics.
EXPOSE 5080 53/udp 53/tcp 9153
VOLUME /data
# The image's non-root user; only coredns holds CAP_NET_BIND_SERVICE (file capability above).
USER app
WORKDIR /app
ENTRYPOINT ["/app/betterdns"]
CMD ["serve"]
