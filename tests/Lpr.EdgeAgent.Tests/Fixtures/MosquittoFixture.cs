using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lpr.EdgeAgent.Tests.Fixtures;

/// <summary>
/// A real mosquitto broker for tests: writes its config to a private temp directory, listens on a free
/// loopback port, can be stopped (SIGTERM, so its persistence file is written) or killed (SIGKILL) and
/// restarted on the same port, and is always killed when disposed (and, as a last resort, when the test
/// process exits). Persistence is on so that a subscriber's persistent session survives a restart.
/// Use as an xunit class fixture (anonymous broker) or create one per test with <see cref="StartAsync"/>.
/// </summary>
public sealed class MosquittoFixture : IAsyncLifetime
{
    public const string BrokerPath = "/usr/sbin/mosquitto";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string? _username;
    private readonly MosquittoTls? _tls;
    private string? _password;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public MosquittoFixture()
        : this(null, null, null)
    {
    }

    private MosquittoFixture(string? username, string? password, MosquittoTls? tls)
    {
        _username = username;
        _password = password;
        _tls = tls;
        Directory = System.IO.Directory.CreateTempSubdirectory("lpr-mosquitto-").FullName;
        Port = FreeLoopbackPort();
    }

    /// <summary>Loopback port the broker listens on (the same across restarts).</summary>
    public int Port { get; }

    public string Host => "127.0.0.1";

    /// <summary>Private directory holding the config, password file, persistence and log.</summary>
    public string Directory { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the broker printed so far (for assertion messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a broker; with a username it requires that user and password (anonymous refused); with
    /// <paramref name="tls"/> its listener speaks TLS only.
    /// </summary>
    public static async Task<MosquittoFixture> StartAsync(string? username = null, string? password = null, MosquittoTls? tls = null, CancellationToken cancellationToken = default)
    {
        var broker = new MosquittoFixture(username, password, tls);
        try
        {
            await broker.StartAsync(cancellationToken);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    public async ValueTask InitializeAsync() => await StartAsync(TestContext.Current.CancellationToken);

    /// <summary>Starts (or restarts) the broker process and waits until it accepts TCP connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return;
        }

        var configPath = WriteConfig();
        var info = new ProcessStartInfo(BrokerPath, ["-c", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {BrokerPath}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with code {process.ExitCode} at start:\n{Log}");
            }

            if (await AcceptsConnectionsAsync(cancellationToken))
            {
                return;
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"mosquitto did not listen on {Host}:{Port} within {StartTimeout}:\n{Log}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Lines appended to the generated config at the next (re)start, e.g. <c>acl_file …</c>.</summary>
    public IList<string> ExtraConfig { get; } = [];

    /// <summary>Changes the password the broker requires for its user; takes effect at the next (re)start.</summary>
    public void ChangePassword(string password)
    {
        if (_username is null)
        {
            throw new InvalidOperationException("This broker was started anonymous; start it with a username.");
        }

        _password = password;
        File.Delete(Path.Combine(Directory, "passwords"));
    }

    /// <summary>Graceful stop (SIGTERM): mosquitto saves sessions and queued messages, then exits.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Rewrites the config from <see cref="ExtraConfig"/> and sends SIGHUP: mosquitto re-reads its ACL and
    /// password files without dropping its clients, as an operator's <c>systemctl reload mosquitto</c> does.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (_process is not { HasExited: false } process)
        {
            throw new InvalidOperationException("The broker is not running.");
        }

        WriteConfig();
        using var hangUp = Process.Start("kill", ["-HUP", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await hangUp.WaitForExitAsync(cancellationToken);
        if (hangUp.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -HUP {process.Id} failed with code {hangUp.ExitCode}.");
        }
    }

    /// <summary>Abrupt stop (SIGKILL), like a crash or power cut of the broker host.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            await KillAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private string WriteConfig()
    {
        var config = new StringBuilder()
            .AppendLine($"listener {Port} {Host}")
            .AppendLine($"user {Environment.UserName}") // as root mosquitto would switch to 'mosquitto' and lose access to this directory
            .AppendLine("persistence true")
            .AppendLine($"persistence_location {Directory}/")
            .AppendLine("log_dest stdout")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("log_type information")
            .AppendLine("max_queued_messages 100000");
        if (_tls is not null)
        {
            config.AppendLine($"cafile {_tls.CaFile}")
                .AppendLine($"certfile {_tls.CertificateFile}")
                .AppendLine($"keyfile {_tls.KeyFile}")
                .AppendLine($"require_certificate {(_tls.RequireClientCertificate ? "true" : "false")}");
        }

        if (_username is null)
        {
            config.AppendLine("allow_anonymous true");
        }
        else
        {
            var passwordFile = Path.Combine(Directory, "passwords");
            if (!File.Exists(passwordFile))
            {
                using var passwd = Process.Start("/usr/bin/mosquitto_passwd", ["-b", "-c", passwordFile, _username, _password ?? string.Empty])
                    ?? throw new InvalidOperationException("Could not run mosquitto_passwd.");
                passwd.WaitForExit();
                if (passwd.ExitCode != 0)
                {
                    throw new InvalidOperationException($"mosquitto_passwd failed with code {passwd.ExitCode}.");
                }
            }

            config.AppendLine("allow_anonymous false").AppendLine($"password_file {passwordFile}");
        }

        foreach (var line in ExtraConfig)
        {
            config.AppendLine(line);
        }

        var path = Path.Combine(Directory, "mosquitto.conf");
        File.WriteAllText(path, config.ToString());
        return path;
    }

    private async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Not running.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>TLS settings of a test broker: PEM files of the CA, the broker's certificate and key.</summary>
public sealed record MosquittoTls(string CaFile, string CertificateFile, string KeyFile, bool RequireClientCertificate);
