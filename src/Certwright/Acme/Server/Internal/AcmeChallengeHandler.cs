using System.Collections.Concurrent;
using Certwright.Acme.Protocol;

namespace Certwright.Acme.Server.Internal;

/// <summary>
/// Responding to a challenge (RFC 8555 §7.5.1): the first POST of a payload moves it to processing and starts http-01 validation
/// in the background; the client polls the challenge or authorization. Results are written under the order's lock.
/// </summary>
internal sealed class AcmeChallengeHandler(AcmeServices services, AcmeOrderHandler orders) : IAsyncDisposable
{
    private readonly Http01Validator _validator = new(services.Options);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    public async Task<AcmeResponse> ChallengeAsync(AcmeCall call, AcmeSigned signed, string id, CancellationToken cancellationToken)
    {
        var (orderId, indexes) = AcmeIds.Split(id, 2) ?? throw AcmeProblemException.NotFound($"no challenge '{id}'");
        var (index, challengeIndex) = (indexes[0], indexes[1]);
        var key = $"{orderId}-{index}-{challengeIndex}";
        using var held = await services.LockOrderAsync(orderId, cancellationToken);
        var order = await orders.FindOwnedAsync(call, signed, orderId, cancellationToken);
        if (index >= order.Authorizations.Count || challengeIndex >= order.Authorizations[index].Challenges.Count)
        {
            throw AcmeProblemException.NotFound($"no challenge '{id}'");
        }

        var authorization = order.Authorizations[index];
        var challenge = authorization.Challenges[challengeIndex];
        var links = new[] { (call.Urls.Authorization(orderId, index), "up") };
        // A challenge left processing by a stopped server has no validation running here: answering it again restarts one.
        var orphaned = challenge.Status == AcmeStatus.Processing && !_inFlight.ContainsKey(key);
        if (signed.IsPostAsGet || (challenge.Status != AcmeStatus.Pending && !orphaned))
        {
            return AcmeResponses.Ok(AcmeJson.Challenge(challenge, call.Urls.Challenge(orderId, index, challengeIndex))) with { Links = links };
        }

        signed.PayloadJson().Dispose();
        if (order.Status != AcmeStatus.Pending || authorization.Status != AcmeStatus.Pending)
        {
            throw AcmeProblemException.Malformed($"the order is {order.Status} and the authorization {authorization.Status}; a challenge can only be answered while both are pending");
        }

        challenge = challenge with { Status = AcmeStatus.Processing };
        var challenges = authorization.Challenges.ToArray();
        challenges[challengeIndex] = challenge;
        var authorizations = order.Authorizations.ToArray();
        authorizations[index] = authorization with { Challenges = challenges };
        await services.Store.SaveOrderAsync(order with { Authorizations = authorizations }, cancellationToken);
        Start(key, call.Ca.Name, orderId, index, challengeIndex, authorization.Identifier, challenge.Token, KeyAuthorization.Compute(challenge.Token, signed.Key));
        return AcmeResponses.Ok(AcmeJson.Challenge(challenge, call.Urls.Challenge(orderId, index, challengeIndex))) with { Links = links };
    }

    /// <summary>Waits for the validations in flight (tests; shutdown cancels them instead).</summary>
    public Task IdleAsync() => Task.WhenAll(_running.Keys);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Keys);
        _validator.Dispose();
        _stopping.Dispose();
    }

    private void Start(string id, string authority, string orderId, int index, int challengeIndex, string name, string token, string keyAuthorization)
    {
        _inFlight[id] = 0;
        var task = Task.Run(() => ValidateAsync(authority, orderId, index, challengeIndex, name, token, keyAuthorization));
        _running[task] = 0;
        task.ContinueWith(
            t =>
            {
                _running.TryRemove(t, out _);
                _inFlight.TryRemove(id, out _);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task ValidateAsync(string authority, string orderId, int index, int challengeIndex, string name, string token, string keyAuthorization)
    {
        var cancellationToken = _stopping.Token;
        try
        {
            var problem = await _validator.ValidateAsync(name, token, keyAuthorization, cancellationToken);
            using var held = await services.LockOrderAsync(orderId, cancellationToken);
            var order = await services.Store.FindOrderAsync(authority, orderId, cancellationToken);
            if (order is null || order.Authorizations[index].Challenges[challengeIndex].Status != AcmeStatus.Processing)
            {
                return;
            }

            order = AcmeOrderState.WithResult(order, index, challengeIndex, problem, services.Time.GetUtcNow());
            await services.Store.SaveOrderAsync(order, cancellationToken);
            if (problem is null)
            {
                AcmeServerLog.ChallengeValid(services.Logger, authority, orderId, name);
            }
            else
            {
                AcmeServerLog.ChallengeInvalid(services.Logger, authority, orderId, name, problem.Detail);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the challenge stays processing; the order expires unless the client starts over.
        }
        catch (Exception e) when (e is CertwrightException or IOException)
        {
            AcmeServerLog.ValidationRecordFailed(services.Logger, e, orderId);
        }
    }
}
