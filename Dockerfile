# syntax=docker/dockerfile:1
# The certwright CLI and server (`certwright serve`) as one Native AOT executable on a small runtime image.
#   docker build -t certwright .
#   docker run --rm -v certwright-data:/var/lib/certwright certwright list
#   docker run -d -p 8080:8080 -v certwright-data:/var/lib/certwright certwright serve --listen http://0.0.0.0:8080

# --- build: the .NET 10 SDK compiles the CLI ahead of time (clang and zlib are the AOT linker's prerequisites) ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends clang zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore first, from the project files only, so a source change does not invalidate the package layer.
COPY global.json nuget.config Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY eng/ eng/
COPY src/Certwright/Certwright.csproj src/Certwright/
COPY src/Certwright.Server/Certwright.Server.csproj src/Certwright.Server/
COPY src/Certwright.Cli/Certwright.Cli.csproj src/Certwright.Cli/
RUN dotnet restore src/Certwright.Cli
COPY src/ src/
# The same publish as build/test.sh, into /out.
RUN dotnet publish src/Certwright.Cli -c Release -o /out --nologo -v quiet

# --- runtime: only what a self-contained native executable needs (libc, OpenSSL, CA certificates) ---
# .NET 10's runtime-deps images are Ubuntu 24.04 based (Microsoft ships no Debian images for .NET 10).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
RUN groupadd --system --gid 10001 certwright \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/certwright --no-create-home --shell /usr/sbin/nologin certwright \
    && install -d -o 10001 -g 10001 -m 0700 /var/lib/certwright
COPY --from=build /out/certwright /out/libe_sqlite3.so /usr/local/bin/
ENV CERTWRIGHT_DATA=/var/lib/certwright
WORKDIR /var/lib/certwright
VOLUME ["/var/lib/certwright"]
EXPOSE 8080
# Numeric, so Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
ENTRYPOINT ["certwright"]
CMD ["--help"]
