# BetterDns with CoreDNS in one container: BetterDns takes registrations over HTTP, writes the zone
# file, and starts and supervises CoreDNS, which answers DNS from that file (Dns:Server=coredns).
# Not built in CI (no Docker engine there); see docs/dns-controller.md.
#
#   docker build -t betterdns .
#   docker run -p 5080:5080 -p 53:53/udp -p 53:53/tcp -v betterdns-data:/data betterdns

# 1. The coredns binary, from CoreDNS's official image pinned by digest (a static Go binary). The digest is
#    coredns/coredns:1.12.0's image index as pinned publicly (e.g. by Cilium's renovate); re-check it with
#    `docker buildx imagetools inspect coredns/coredns:1.12.0` when you bump the version.
FROM coredns/coredns:1.12.0@sha256:40384aa1f5ea6bfdc77997d243aec73da05f27aed0c5e9d65bfa98933c519d97 AS coredns

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
# tini is PID 1: it forwards SIGTERM to BetterDns (which stops CoreDNS with SIGTERM, then waits) and reaps.
COPY --from=coredns /coredns /usr/local/bin/coredns
RUN apt-get update \
 && apt-get install -y --no-install-recommends libcap2-bin tini \
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
# Ready = the zone is loaded and CoreDNS answers its SOA (/readyz); bash's /dev/tcp, as the image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/5080 && printf 'GET /readyz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# deploy/container/run-entrypoint.sh runs this ENTRYPOINT, CMD and ENV outside Docker (tested).
ENTRYPOINT ["/usr/bin/tini", "--", "/app/betterdns"]
CMD ["serve"]
