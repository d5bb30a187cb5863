using System.Globalization;
using System.Security.Cryptography;
using Certwright.Certificates;
using Certwright.Policy;
using Certwright.Renewal.Deploy;

namespace Certwright.Renewal.Internal;

/// <summary>The steps for one managed certificate in a run: decide, obtain, deploy, reload, verify; and the state to record.</summary>
internal sealed class RenewalAttempt(
    ManagedEntry entry,
    RenewalRunOptions options,
    ICertificateSourceFactory sources,
    DeployerRegistry deployers,
    ServedCertificateVerifier verifier,
    TimeProvider timeProvider)
{
    private const string Ok = "ok";
    private const string FailedResult = "failed";
    private const string NotServedResult = "not-served";

    private readonly ManagedCertificate _managed = entry.Certificate;
    private readonly ManagedCertificateState _state = entry.State;

    /// <summary>The new leaf (DER) once obtained.</summary>
    public byte[]? NewLeaf { get; private set; }

    /// <summary>The outcome, and the state to record (null: nothing changed).</summary>
    public async Task<(RenewalOutcome Outcome, ManagedCertificateState? State)> RunAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        ICertificateSource? source = null;
        RenewalWindow? window = null;
        string? ariProblem = null;
        if (_managed.Source is AcmeSourceSpec && _state.CurrentDer is { } der && !options.Force)
        {
            // Only ACME CAs offer renewal information; asking the private CA would open its key for nothing.
            try
            {
                source = await sources.CreateAsync(_managed, cancellationToken);
                window = await source.SuggestRenewalWindowAsync(der, cancellationToken);
            }
            catch (CertwrightException e)
            {
                // RFC 9773 §4.3: without renewal information the client falls back to its own schedule; the reason is kept in the decision.
                ariProblem = e.Message;
            }
        }

        var decision = RenewalPlanner.Decide(_managed, _state, window, now, options.Force);
        if (ariProblem is not null)
        {
            decision = decision with { Reason = $"{decision.Reason} (no renewal information: {ariProblem})" };
        }

        if (!decision.Due)
        {
            return _state.LastResult == NotServedResult && !options.DryRun
                ? await ReverifyAsync(decision, now, cancellationToken)
                : (Outcome(RenewalStatus.NotDue, decision, []), null);
        }

        if (options.DryRun)
        {
            return (Outcome(RenewalStatus.WouldRenew, decision, []), null);
        }

        CertificateBundle bundle;
        try
        {
            source ??= await sources.CreateAsync(_managed, cancellationToken);
            bundle = await source.ObtainAsync(new CertificateOrder(_managed.Name, _managed.Domains, _managed.KeyType, _state.CurrentDer), cancellationToken);
        }
        catch (CertwrightException e)
        {
            return Failure(decision, FindingCodes.RenewalFailed, $"cannot renew '{_managed.Name}' from {_managed.Source.Describe()}: {e.Message}", now);
        }

        try
        {
            NewLeaf = bundle.Leaf;
            return await DeployAsync(bundle, decision, now, cancellationToken);
        }
        finally
        {
            if (bundle.PrivateKeyPkcs8 is { } key)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    private async Task<(RenewalOutcome, ManagedCertificateState?)> DeployAsync(CertificateBundle bundle, RenewalDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = new List<(ICertificateDeployer Deployer, DeploymentReceipt Receipt)>();
        try
        {
            foreach (var target in _managed.DeployTargets)
            {
                var deployer = deployers.Create(_managed, target);
                done.Add((deployer, await deployer.DeployAsync(bundle, cancellationToken)));
            }
        }
        catch (CertwrightException e)
        {
            var rolledBack = await RollbackAsync(done);
            return Failure(decision, FindingCodes.DeployFailed, $"cannot deploy '{_managed.Name}': {e.Message}{rolledBack}", now);
        }

        if (_managed.ReloadCommand is { } command)
        {
            ReloadResult reload;
            try
            {
                reload = await ReloadHook.RunAsync(command, options.ReloadTimeout, cancellationToken);
            }
            catch (Exception e) when (e is CertwrightException or System.ComponentModel.Win32Exception)
            {
                var rolledBack = await RollbackAsync(done);
                return Failure(decision, FindingCodes.DeployFailed, $"cannot run the reload command of '{_managed.Name}': {e.Message}{rolledBack}", now);
            }

            if (!reload.Succeeded)
            {
                var rolledBack = await RollbackAsync(done);
                var why = reload.TimedOut
                    ? string.Create(CultureInfo.InvariantCulture, $"timed out after {options.ReloadTimeout.TotalSeconds:0} s")
                    : string.Create(CultureInfo.InvariantCulture, $"exited with {reload.ExitCode}");
                var output = reload.Output.Length == 0 ? "" : $" ({FirstLine(reload.Output)})";
                return Failure(decision, FindingCodes.DeployFailed, $"reload command of '{_managed.Name}' {why}{output}{rolledBack}", now);
            }
        }

        var leaf = CertificateParser.Parse(bundle.Leaf);
        var state = new ManagedCertificateState
        {
            CurrentSha256 = leaf.Sha256,
            CurrentDer = bundle.Leaf,
            NotBefore = leaf.NotBefore,
            NotAfter = leaf.NotAfter,
            LastAttempt = now,
            LastResult = Ok,
        };
        var findings = await VerifyAsync(leaf.Sha256, cancellationToken);
        return findings.Count == 0
            ? (Outcome(RenewalStatus.Renewed, decision, [], leaf), state)
            : (Outcome(RenewalStatus.NotServed, decision, findings, leaf), state with { LastResult = NotServedResult, LastError = findings[0].Message });
    }

    /// <summary>A certificate deployed earlier that an endpoint did not serve: ask again, without renewing.</summary>
    private async Task<(RenewalOutcome, ManagedCertificateState?)> ReverifyAsync(RenewalDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var findings = await VerifyAsync(_state.CurrentSha256!, cancellationToken);
        var state = _state with { LastAttempt = now, LastResult = findings.Count == 0 ? Ok : NotServedResult, LastError = findings.Count == 0 ? null : findings[0].Message };
        return (Outcome(findings.Count == 0 ? RenewalStatus.NotDue : RenewalStatus.NotServed, decision, findings), state);
    }

    private async Task<List<Finding>> VerifyAsync(string sha256, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        foreach (var endpoint in _managed.VerifyEndpoints)
        {
            string? problem;
            try
            {
                problem = await verifier.VerifyAsync(endpoint, sha256, options.VerifyTimeout, options.VerifyInterval, cancellationToken);
            }
            catch (CertwrightException e)
            {
                problem = $"cannot check {endpoint}: {e.Message}";
            }

            if (problem is not null)
            {
                findings.Add(new Finding(FindingCodes.RenewalNotServed, Severity.Warning, $"'{_managed.Name}' was renewed and deployed, but {problem}; check that the service reloads its certificate", _managed.Name));
            }
        }

        return findings;
    }

    private static async Task<string> RollbackAsync(List<(ICertificateDeployer Deployer, DeploymentReceipt Receipt)> done)
    {
        var failed = new List<string>();
        foreach (var (deployer, receipt) in Enumerable.Reverse(done))
        {
            try
            {
                await deployer.RollbackAsync(receipt, CancellationToken.None);
            }
            catch (Exception e) when (e is CertwrightException or IOException or UnauthorizedAccessException)
            {
                failed.Add($"{deployer.Target} ({e.Message})");
            }
        }

        return done.Count == 0 ? "; the old certificate stays in place"
            : failed.Count == 0 ? "; rolled back to the old certificate"
            : $"; rollback FAILED for {string.Join(", ", failed)}";
    }

    private (RenewalOutcome, ManagedCertificateState?) Failure(RenewalDecision decision, string code, string message, DateTimeOffset now)
    {
        var failures = _state.ConsecutiveFailures + 1;
        var next = now + RenewalPlanner.Backoff(failures);
        var stillValid = _state.NotAfter is { } notAfter && notAfter > now;
        var finding = new Finding(code, stillValid ? Severity.Warning : Severity.Critical, message, _managed.Name);
        var state = _state with { LastAttempt = now, LastResult = FailedResult, LastError = message, ConsecutiveFailures = failures, NextAttemptAfter = next };
        return (Outcome(RenewalStatus.Failed, decision, [finding]) with { NextAttemptAfter = next }, state);
    }

    private RenewalOutcome Outcome(RenewalStatus status, RenewalDecision decision, IReadOnlyList<Finding> findings, CertificateRecord? leaf = null) =>
        new(_managed.Name, _managed.Namespace, status, decision, findings, leaf?.Sha256, leaf?.NotAfter);

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length <= 200 ? line : line[..200];
    }
}
