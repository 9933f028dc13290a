package io.turnpike.aggregates;

import io.turnpike.aggregates.budgets.Budget;
import io.turnpike.aggregates.configs.ConfigDocument;
import io.turnpike.aggregates.configs.CreateConfigCommand;
import io.turnpike.aggregates.configs.RollbackConfigCommand;
import io.turnpike.aggregates.configs.RoutingConfig;
import io.turnpike.aggregates.configs.UpdateConfigCommand;
import io.turnpike.aggregates.guardrails.DefineGuardrailCommand;
import io.turnpike.aggregates.guardrails.Guardrail;
import io.turnpike.aggregates.guardrails.RetireGuardrailCommand;
import io.turnpike.aggregates.guardrails.SetTenantGuardrailsCommand;
import io.turnpike.aggregates.guardrails.TenantGuardrails;
import io.turnpike.aggregates.keys.ApiKey;
import io.turnpike.aggregates.keys.IssueApiKeyCommand;
import io.turnpike.aggregates.keys.RevokeApiKeyCommand;
import io.turnpike.aggregates.keys.RotateApiKeyCommand;
import io.turnpike.aggregates.keys.UpdateApiKeyLimitsCommand;
import io.turnpike.aggregates.metadata.DefineMetadataSchemaCommand;
import io.turnpike.aggregates.metadata.MetadataStandard;
import io.turnpike.aggregates.pricing.PriceBook;
import io.turnpike.aggregates.pricing.PriceDocument;
import io.turnpike.aggregates.pricing.PublishPriceTableCommand;
import io.turnpike.aggregates.providers.Provider;
import io.turnpike.aggregates.providers.RegisterProviderCommand;
import io.turnpike.aggregates.ratelimits.DefineRateLimitCommand;
import io.turnpike.aggregates.ratelimits.RateLimitPolicy;
import io.turnpike.aggregates.ratelimits.RemoveRateLimitCommand;
import io.turnpike.aggregates.readmodel.BudgetProjection;
import io.turnpike.aggregates.readmodel.Directory;
import io.turnpike.aggregates.readmodel.ReadModelFeed;
import io.turnpike.aggregates.readmodel.ReplicaFollower;
import io.turnpike.aggregates.rules.References;
import io.turnpike.aggregates.rules.Rules;
import io.turnpike.aggregates.secrets.MasterKey;
import io.turnpike.aggregates.secrets.SecretSealer;
import io.turnpike.aggregates.storage.AggregateCaches;
import io.turnpike.aggregates.storage.AxonSerializers;
import io.turnpike.aggregates.storage.EventStorage;
import io.turnpike.aggregates.userblocks.BlockUserCommand;
import io.turnpike.aggregates.userblocks.UnblockUserCommand;
import io.turnpike.aggregates.userblocks.UserBlock;
import io.turnpike.events.guardrails.TenantGuardrailsSet;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The admin model of one Turnpike installation: providers, routing configs and gateway keys, event-sourced with Axon
 * into a JDBC event store, plus an in-memory directory the proxy and admin API read from.
 * <p>
 * Commands block until their event is stored and applied to the directory (read-your-writes in this JVM). The
 * directory is rebuilt from the full event store on {@link #start}; on PostgreSQL a {@link ReplicaFollower} then reads
 * the store every {@link GovernanceOptions#replicaPollInterval()} so changes made by other processes (replicas) on the
 * same store show up here too, a poll interval later. {@link ReadModelFeed} applies each event once however it
 * arrives.
 */
public final class Governance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Governance.class);
    /** Aggregates take a snapshot every this many events so restarts stay fast for long-lived configs. */
    static final int SNAPSHOT_EVERY = 50;

    private final Configuration axon;
    private final CommandGateway commands;
    private final Directory directory;
    private final SecretSealer sealer;
    private final EventStorage storage;
    private final SecureRandom random;
    private final Budgets budgets;
    private final ReadModelFeed feed;
    /** Null when this instance does not follow other replicas (embedded store, or an interval of zero). */
    private final ReplicaFollower follower;

    private Governance(Configuration axon, Directory directory, SecretSealer sealer, EventStorage storage,
                       SecureRandom random, Budgets budgets, ReadModelFeed feed, ReplicaFollower follower) {
        this.axon = axon;
        this.feed = feed;
        this.follower = follower;
        this.commands = axon.commandGateway();
        this.directory = directory;
        this.sealer = sealer;
        this.storage = storage;
        this.random = random;
        this.budgets = budgets;
    }

    /** Opens the event store, replays it into the directory and returns once every stored event is visible. */
    public static Governance start(GovernanceOptions options) {
        return start(options, Clock.systemUTC());
    }

    /** As above, with the clock that budget periods and reservation deadlines are measured by. */
    public static Governance start(GovernanceOptions options, Clock clock) {
        // Belt and braces: defaultConfiguration(false) already skips the checker that would phone home.
        System.setProperty("axoniq.update-checker.disabled", "true");
        try {
            Files.createDirectories(options.home());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.home(), e);
        }
        SecureRandom random = new SecureRandom();
        SecretSealer sealer = new SecretSealer(
                MasterKey.load(options.home(), System.getenv(MasterKey.ENV_VARIABLE), random), random);
        JacksonSerializer serializer = AxonSerializers.jackson();
        EventStorage storage = EventStorage.open(options, serializer);
        try {
            Directory directory = new Directory();
            BudgetProjection budgetProjection = new BudgetProjection();
            ReadModelFeed feed = new ReadModelFeed(storage.engine(), directory, budgetProjection);
            Replayed replayed = replay(storage, feed);
            AggregateCaches caches = new AggregateCaches();
            requireSecretsOpen(directory, sealer);
            Configuration axon = DefaultConfigurer.defaultConfiguration(false)
                    .configureSerializer(c -> serializer)
                    .configureEventSerializer(c -> serializer)
                    .configureMessageSerializer(c -> serializer)
                    .configureEmbeddedEventStore(c -> storage.engine())
                    .registerComponent(References.class, c -> directory)
                    .configureAggregate(aggregate(Provider.class, caches))
                    .configureAggregate(aggregate(RoutingConfig.class, caches))
                    .configureAggregate(aggregate(ApiKey.class, caches))
                    .configureAggregate(aggregate(PriceBook.class, caches))
                    .configureAggregate(aggregate(Budget.class, caches))
                    .configureAggregate(aggregate(UserBlock.class, caches))
                    .configureAggregate(aggregate(MetadataStandard.class, caches))
                    .configureAggregate(aggregate(RateLimitPolicy.class, caches))
                    .configureAggregate(aggregate(Guardrail.class, caches))
                    .configureAggregate(aggregate(TenantGuardrails.class, caches))
                    .eventProcessing(processing -> processing
                            .usingSubscribingEventProcessors()
                            .registerEventHandler(c -> feed))
                    .buildConfiguration();
            axon.start();
            // Started after Axon, from the replay's position: whatever other processes appended meanwhile is next.
            ReplicaFollower follower = options.followsReplicas()
                    ? ReplicaFollower.start(storage.engine(), feed, caches::evict, replayed.position(),
                    options.replicaPollInterval())
                    : null;
            LOG.info("Governance started on {} store; replayed {} events; {}",
                    options.embeddedStore() ? "embedded H2" : "PostgreSQL", replayed.events(),
                    follower == null ? "not following other replicas"
                            : "following other replicas every " + options.replicaPollInterval());
            return new Governance(axon, directory, sealer, storage, random,
                    new Budgets(axon.commandGateway(), budgetProjection, clock, random), feed, follower);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    private static <A> AggregateConfigurer<A> aggregate(Class<A> type, AggregateCaches caches) {
        return AggregateConfigurer.defaultConfiguration(type)
                .configureCache(c -> caches.forType(type))
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), SNAPSHOT_EVERY));
    }

    /** How far the start-up replay read: its event count and the token after its last event (null: empty store). */
    private record Replayed(long events, TrackingToken position) {
    }

    /** Feeds every stored event, in global order, through the read models' own {@code @EventHandler}s. */
    private static Replayed replay(EventStorage storage, ReadModelFeed feed) {
        long count = 0;
        TrackingToken position = null;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.engine().readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                try {
                    feed.handle(event);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot replay event " + event.getIdentifier(), e);
                }
                position = event.trackingToken();
                count++;
            }
        }
        return new Replayed(count, position);
    }

    /**
     * Fails the start when a stored provider secret does not open: almost always a different master key than the
     * one the secrets were sealed with. Better to refuse to start than to fail every upstream call later.
     */
    private static void requireSecretsOpen(Directory directory, SecretSealer sealer) {
        for (ProviderView provider : directory.providers()) {
            String sealed = directory.provider(provider.id()).map(Directory.ProviderEntry::sealedSecret).orElse(null);
            if (sealed == null) {
                continue;
            }
            try {
                sealer.open(sealed, provider.id());
            } catch (SecretSealer.SecretUnreadableException e) {
                throw new IllegalStateException("the secret of provider '" + provider.id() + "' cannot be opened ("
                        + e.getMessage() + "); is " + MasterKey.ENV_VARIABLE + " or master.key the one it was sealed with?");
            }
        }
    }

    // ---- commands ---------------------------------------------------------------------------------------------

    public ProviderView registerProvider(String providerId, String type, Map<String, String> settings,
                                         String secretOrNull, String actor) {
        Rules.requireId("providers.id", providerId);
        String sealed = null;
        if (secretOrNull != null) {
            if (secretOrNull.isBlank()) {
                throw new ValidationException(Provider.SECRET_FIELD, "must not be blank");
            }
            sealed = sealer.seal(secretOrNull, providerId);
        }
        send(new RegisterProviderCommand(providerId, type, settings, sealed, actor));
        return existing(directory.provider(providerId).map(Directory.ProviderEntry::view), "provider", providerId);
    }

    /** Creates a config at version 1; the result carries the document's warnings (e.g. unknown keys). */
    public SavedConfig createConfig(String configId, String documentJson, String actor) {
        Rules.requireId("configs.id", configId);
        send(new CreateConfigCommand(configId, documentJson, actor));
        return saved(configId, documentJson);
    }

    public SavedConfig updateConfig(String configId, String documentJson, String actor) {
        Rules.requireId("configs.id", configId);
        requireConfig(configId);
        send(new UpdateConfigCommand(configId, documentJson, actor));
        return saved(configId, documentJson);
    }

    /**
     * Makes a new version whose document is a copy of {@code toVersion}'s. Unknown config or version: {@link
     * NotFoundException}; the current version: {@link ValidationException} on {@code version}.
     */
    public SavedConfig rollbackConfig(String configId, int toVersion, String actor) {
        requireConfig(configId);
        send(new RollbackConfigCommand(configId, toVersion, actor));
        ConfigView view = existing(directory.config(configId), "config", configId);
        return saved(configId, view.document());
    }

    private void requireConfig(String configId) {
        if (configId == null || !directory.configExists(configId)) {
            throw new NotFoundException("config '" + configId + "' not found");
        }
    }

    /** The stored config with the warnings of the document just accepted (parsed again: cheap, and valid here). */
    private SavedConfig saved(String configId, String document) {
        List<String> warnings = ConfigDocument.validate(document, directory).warningMessages();
        return new SavedConfig(existing(directory.config(configId), "config", configId), warnings);
    }

    /** Issues a key; the returned {@link IssuedKey#key()} is the only copy of the plaintext anywhere. */
    public IssuedKey issueKey(String name, String configId, Map<String, String> metadata, String actor) {
        return issueKey(name, configId, metadata, false, actor);
    }

    /** As above; {@code allowConfigOverride} lets requests with this key pick another config per request. */
    public IssuedKey issueKey(String name, String configId, Map<String, String> metadata, boolean allowConfigOverride,
                              String actor) {
        String keyId = ApiKeys.newKeyId(random);
        String key = ApiKeys.newKey(random);
        send(new IssueApiKeyCommand(keyId, name, ApiKeys.hash(key), ApiKeys.displayPrefix(key), configId,
                metadata, allowConfigOverride, actor));
        return new IssuedKey(keyId, key, existing(directory.key(keyId), "key", keyId));
    }

    /**
     * As above, with limits: {@code allowedModels} (null: every model the config allows) and {@code expiresAt}
     * (null: never; else in the future). The key's owner is {@code actor}.
     */
    public IssuedKey issueKey(String name, String configId, Map<String, String> metadata, boolean allowConfigOverride,
                              List<String> allowedModels, Instant expiresAt, String actor) {
        return issueKey(name, configId, metadata, allowConfigOverride, allowedModels, expiresAt, List.of(), actor);
    }

    /**
     * As above, with the key's own mandatory guardrails ({@code guardrailIds}: ids of guardrails in force, each once,
     * at most 16; null or empty: none). They run on every request of the key, on top of its tenant's and config's.
     */
    public IssuedKey issueKey(String name, String configId, Map<String, String> metadata, boolean allowConfigOverride,
                              List<String> allowedModels, Instant expiresAt, List<String> guardrailIds, String actor) {
        String keyId = ApiKeys.newKeyId(random);
        String key = ApiKeys.newKey(random);
        send(new IssueApiKeyCommand(keyId, name, ApiKeys.hash(key), ApiKeys.displayPrefix(key), configId,
                metadata, allowConfigOverride, allowedModels, expiresAt, guardrailIds, actor));
        return new IssuedKey(keyId, key, existing(directory.key(keyId), "key", keyId));
    }

    public void revokeKey(String keyId, String actor) {
        requireKey(keyId);
        send(new RevokeApiKeyCommand(keyId, actor));
    }

    /** How long the material a rotation replaces keeps working when the caller does not say. */
    public static final Duration DEFAULT_ROTATION_GRACE = Duration.ofHours(24);

    /**
     * New key material for the same key id (same config, metadata, limits and guardrails); the returned plaintext is the only
     * copy. The material it replaces keeps authenticating for {@code gracePeriod} (null: 24 h; 0: stops now).
     */
    public IssuedKey rotateKey(String keyId, Duration gracePeriod, String actor) {
        requireKey(keyId);
        String key = ApiKeys.newKey(random);
        send(new RotateApiKeyCommand(keyId, ApiKeys.hash(key), ApiKeys.displayPrefix(key),
                gracePeriod == null ? DEFAULT_ROTATION_GRACE : gracePeriod, actor));
        return new IssuedKey(keyId, key, existing(directory.key(keyId), "key", keyId));
    }

    /** Replaces the key's model and expiry limits as a whole (null allowed models = any; null expiry = never). */
    public KeyView updateKeyLimits(String keyId, List<String> allowedModels, Instant expiresAt, String actor) {
        requireKey(keyId);
        return updateKeyLimits(keyId, allowedModels, expiresAt, directory.key(keyId).orElseThrow().guardrailIds(), actor);
    }

    /**
     * Replaces the key's limits and its own guardrails as a whole (null allowed models = any; null expiry = never;
     * null or empty guardrail ids = none), in one event.
     */
    public KeyView updateKeyLimits(String keyId, List<String> allowedModels, Instant expiresAt,
                                   List<String> guardrailIds, String actor) {
        requireKey(keyId);
        send(new UpdateApiKeyLimitsCommand(keyId, allowedModels, expiresAt, guardrailIds, actor));
        return existing(directory.key(keyId), "key", keyId);
    }

    private void requireKey(String keyId) {
        if (keyId == null || directory.key(keyId).isEmpty()) {
            throw new NotFoundException("key '" + keyId + "' not found");
        }
    }

    /** Refuses the user's requests in the tenant until {@link #unblockUser}; a user already blocked: conflict. */
    public UserBlockView blockUser(String tenant, String user, String reason, String actor) {
        Rules.requireId("tenant", tenant);
        Rules.requireText("user", Rules.normalisedUser(user), Rules.MAX_TEXT);
        send(new BlockUserCommand(tenant, user, reason, actor));
        return existing(directory.userBlock(tenant, user), "user block", tenant + "/" + user);
    }

    /** A user who was never blocked: not found; one no longer blocked: conflict. */
    public void unblockUser(String tenant, String user, String actor) {
        Rules.requireId("tenant", tenant);
        Rules.requireText("user", Rules.normalisedUser(user), Rules.MAX_TEXT);
        send(new UnblockUserCommand(tenant, user, actor));
    }

    /** Sets or replaces the tenant's metadata standard; invalid documents fail naming the field. */
    public MetadataSchemaView defineMetadataSchema(String tenant, String documentJson, String actor) {
        Rules.requireId("tenant", tenant);
        send(new DefineMetadataSchemaCommand(tenant, documentJson, actor));
        return existing(directory.metadataSchema(tenant), "metadata schema", tenant);
    }

    // ---- guardrails -------------------------------------------------------------------------------------------

    /**
     * Creates the guardrail the document names ({@code "id"}) at version 1, or replaces its document as the next
     * version. Invalid documents fail naming the field ({@code checks[0].params.pattern}); a retired id: conflict.
     */
    public GuardrailView defineGuardrail(String documentJson, String actor) {
        String guardrailId = Guardrail.parse(documentJson).id();
        send(new DefineGuardrailCommand(guardrailId, documentJson, actor));
        return existing(directory.guardrail(guardrailId), "guardrail", guardrailId);
    }

    /**
     * Retires a guardrail for good; refused (conflict) while a tenant, a key that is not revoked or the current version
     * of a config still names it: the proxy refuses every request whose guardrail it cannot find, so retiring it would
     * cut those callers off.
     */
    public void retireGuardrail(String guardrailId, String actor) {
        if (guardrailId == null || directory.guardrail(guardrailId).isEmpty()) {
            throw new NotFoundException("guardrail '" + guardrailId + "' not found");
        }
        List<String> tenants = directory.tenantsRequiring(guardrailId);
        if (!tenants.isEmpty()) {
            throw new ConflictException("guardrail '" + guardrailId + "' is required by tenants " + tenants
                    + "; remove it from their guardrails first");
        }
        List<String> keys = directory.keysRequiring(guardrailId);
        if (!keys.isEmpty()) {
            throw new ConflictException("guardrail '" + guardrailId + "' is required by keys " + keys
                    + "; remove it from their guardrails (PATCH /v1/admin/keys/{id}) or revoke them first");
        }
        List<String> configs = directory.configsNaming(guardrailId);
        if (!configs.isEmpty()) {
            throw new ConflictException("guardrail '" + guardrailId + "' is attached by configs " + configs
                    + "; remove it from their input_guardrails/output_guardrails (PUT /v1/admin/configs/{id}) first");
        }
        send(new RetireGuardrailCommand(guardrailId, actor));
    }

    /** The guardrail at its latest version; empty when never defined or retired. */
    public Optional<GuardrailView> guardrail(String guardrailId) {
        return guardrailId == null ? Optional.empty() : directory.guardrail(guardrailId);
    }

    /** Guardrails in force, by id. */
    public List<GuardrailView> guardrails() {
        return directory.guardrails();
    }

    /**
     * Replaces the tenant's mandatory guardrails (ids of guardrails in force; an empty list clears them). They apply
     * to every request of the tenant in addition to its config's and a config cannot remove them.
     */
    public List<String> setTenantGuardrails(String tenant, List<String> guardrailIds, String actor) {
        return setTenantGuardrails(tenant, guardrailIds, null, actor).guardrailIds();
    }

    /**
     * Replaces the tenant's guardrail settings as a whole: its mandatory guardrails (as above) and {@code warnStatus},
     * the status of responses a {@code warn} guardrail flagged — 200 (also when null: the settings are replaced, so
     * leaving it out means the default) or 246 to opt in to that convention; any other value fails on
     * {@code warn_status}.
     */
    public TenantGuardrailsView setTenantGuardrails(String tenant, List<String> guardrailIds, Integer warnStatus,
                                                    String actor) {
        Rules.requireId("tenant", tenant);
        send(new SetTenantGuardrailsCommand(tenant, guardrailIds, warnStatus, actor));
        return directory.tenantGuardrails(tenant);
    }

    /** The tenant's mandatory guardrail ids; empty when it has none. */
    public List<String> tenantGuardrails(String tenant) {
        return tenant == null ? List.of() : directory.tenantGuardrails(tenant).guardrailIds();
    }

    /** The tenant's guardrail settings; the defaults (none, 200) for a tenant that never set any. */
    public TenantGuardrailsView tenantGuardrailSettings(String tenant) {
        Rules.requireId("tenant", tenant);
        return directory.tenantGuardrails(tenant);
    }

    /** The status of a response a {@code warn} guardrail flagged for this tenant (200 or 246); from memory. */
    public int guardrailWarnStatus(String tenant) {
        return tenant == null ? TenantGuardrailsSet.WARN_STATUS_DEFAULT : directory.tenantGuardrails(tenant).warnStatus();
    }

    /** Publishes a price table; from now on it prices every request (see {@link #currentPriceTable()}). */
    public PriceTableView publishPriceTable(String documentJson, String actor) {
        String version = PriceDocument.validate(documentJson);
        send(new PublishPriceTableCommand(documentJson, actor));
        return directory.priceTables().stream().filter(t -> t.version().equals(version)).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("published price table " + version
                        + " is missing from the directory"));
    }

    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException(e.getMessage());
        } catch (AggregateStreamCreationException e) {
            // Another writer (possibly another process on the same store) created the same id first.
            throw new ConflictException("already exists: " + e.getMessage());
        } catch (ConcurrencyException e) {
            // Two writers raced for the same id or version; the loser's command is a conflict, not a crash.
            throw new ConflictException("concurrent change, retry: " + e.getMessage());
        }
    }

    private static <V> V existing(Optional<V> view, String kind, String id) {
        return view.orElseThrow(() -> new IllegalStateException(
                "stored " + kind + " '" + id + "' is missing from the directory; is the event handler failing?"));
    }

    // ---- budgets ----------------------------------------------------------------------------------------------

    /**
     * Creates a budget. {@code budgetIdOrNull} null generates {@code bud_…}; {@code scope} names the metadata
     * dimensions ({@code key_id}, {@code tenant}, {@code team}, {@code env}, {@code user}) a request must all match;
     * {@code unit} {@code usd} (limit in nano-USD) or {@code tokens}; {@code period} {@code none}, {@code daily},
     * {@code weekly}, {@code monthly} or {@code custom:<days>} (UTC); {@code thresholds} null means 50/80/100 %.
     */
    public BudgetView createBudget(String budgetIdOrNull, String name, Map<String, String> scope, String unit,
                                   long limit, String period, List<Integer> thresholds, String actor) {
        return budgets.create(budgetIdOrNull, name, scope, unit, limit, period, thresholds, actor);
    }

    public Optional<BudgetView> budget(String budgetId) {
        return budgets.budget(budgetId);
    }

    public List<BudgetView> budgets() {
        return budgets.budgets();
    }

    /**
     * Changes a budget's limit (same unit) and, when {@code thresholds} is not null, its alert thresholds; applies
     * from the next reservation.
     */
    public BudgetView changeBudgetLimit(String budgetId, long limit, List<Integer> thresholds, String actor) {
        return budgets.changeLimit(budgetId, limit, thresholds, actor);
    }

    /** Stops applying a budget to new requests; open reservations can still settle or be released. */
    public void retireBudget(String budgetId, String actor) {
        budgets.retire(budgetId, actor);
    }

    /** Every budget whose whole scope matches this request's effective metadata and key, by id. */
    public List<BudgetView> budgetsFor(Map<String, String> effectiveMetadata, String keyId) {
        return budgets.budgetsFor(effectiveMetadata, keyId);
    }

    /**
     * Sets {@code amount} aside on one budget until settled, released or {@code expiresAt}. Blocks on the event
     * store: never call it on an IO thread. Refused: {@link BudgetExceededException} (the refusal is stored too).
     */
    public ReservationView reserve(String budgetId, String requestId, long amount, Instant expiresAt) {
        return budgets.reserve(budgetId, requestId, amount, expiresAt);
    }

    /** Charges the actual cost (may exceed the reservation: spend is recorded as it happened) and frees the rest. */
    public void settle(String budgetId, String reservationId, long actualAmount) {
        budgets.settle(budgetId, reservationId, actualAmount);
    }

    /** Frees a reservation without charging; a reservation that already expired is left alone. */
    public void release(String budgetId, String reservationId) {
        budgets.release(budgetId, reservationId);
    }

    /** Frees the budget's reservations past their deadline now (commands on the budget also do this lazily). */
    public void expireReservations(String budgetId) {
        budgets.expireReservations(budgetId);
    }

    /** Budget commands retried after another writer appended first (tests use it to prove the race happened). */
    long budgetCommandRetries() {
        return budgets.retries();
    }

    // ---- read model -------------------------------------------------------------------------------------------

    /** The provider with its decrypted secret: for the proxy's upstream calls, never for display. */
    public Optional<ProviderAccount> provider(String providerId) {
        if (providerId == null) {
            return Optional.empty();
        }
        return directory.provider(providerId).map(entry -> new ProviderAccount(
                entry.view().id(), entry.view().type(), entry.view().settings(),
                entry.sealedSecret() == null ? null : sealer.open(entry.sealedSecret(), entry.view().id())));
    }

    public List<ProviderView> providers() {
        return directory.providers();
    }

    public Optional<ConfigView> config(String configId) {
        return configId == null ? Optional.empty() : directory.config(configId);
    }

    /** Every version of a config, oldest first (version 1 first); empty when there is no such config. */
    public List<ConfigVersionView> configVersions(String configId) {
        return configId == null ? List.of() : directory.configVersions(configId);
    }

    public List<ConfigView> configs() {
        return directory.configs();
    }

    /**
     * Active and revoked keys alike, found by their current hash or, after a rotation, the previous one; callers
     * check {@link KeyView#revoked()}, {@link KeyView#expiresAt()} and, for {@link KeyView#isPreviousHash}, the
     * {@link KeyView#previousKeyHashValidUntil()}.
     */
    public Optional<KeyView> keyByHash(String keyHash) {
        return keyHash == null ? Optional.empty() : directory.keyByHash(keyHash)
                .filter(key -> key.isCurrentHash(keyHash) || key.isPreviousHash(keyHash));
    }

    public Optional<KeyView> key(String keyId) {
        return keyId == null ? Optional.empty() : directory.key(keyId);
    }

    public List<KeyView> keys() {
        return directory.keys();
    }

    /** Whether the tenant blocked this user (compared lowercased); answered from memory. */
    public boolean isUserBlocked(String tenant, String user) {
        return tenant != null && user != null && directory.userBlock(tenant, user).isPresent();
    }

    public Optional<UserBlockView> userBlock(String tenant, String user) {
        return tenant == null || user == null ? Optional.empty() : directory.userBlock(tenant, user);
    }

    /** Blocked users, by tenant then user. */
    public List<UserBlockView> userBlocks() {
        return directory.userBlocks();
    }

    /**
     * Creates or replaces a rate-limit policy ({@code scope} key|user|team|tenant; null limits are not enforced,
     * at least one is set); invalid input fails naming the field.
     */
    public RateLimitView defineRateLimit(String policyId, String scope, Map<String, String> match,
                                         Long requestsPerMinute, Long requestsPerHour, Long requestsPerDay,
                                         Long tokensPerMinute, String actor) {
        DefineRateLimitCommand command = new DefineRateLimitCommand(policyId, scope, match, requestsPerMinute,
                requestsPerHour, requestsPerDay, tokensPerMinute, actor);
        RateLimitPolicy.validate(command); // before the command: an invalid id must not name a stream
        send(command);
        return existing(directory.rateLimit(policyId), "rate limit", policyId);
    }

    /** A policy never defined or already removed: not found. */
    public void removeRateLimit(String policyId, String actor) {
        Rules.requireId("id", policyId);
        if (directory.rateLimit(policyId).isEmpty()) {
            throw new NotFoundException("rate limit '" + policyId + "' not found");
        }
        send(new RemoveRateLimitCommand(policyId, actor));
    }

    public Optional<RateLimitView> rateLimit(String policyId) {
        return policyId == null ? Optional.empty() : directory.rateLimit(policyId);
    }

    /** Every rate limit by id; the same list instance until one changes (cheap to poll per request). */
    public List<RateLimitView> rateLimits() {
        return directory.rateLimits();
    }

    public Optional<MetadataSchemaView> metadataSchema(String tenant) {
        return tenant == null ? Optional.empty() : directory.metadataSchema(tenant);
    }

    /** The price table published last, if any; without one the shipped pricing file applies. */
    public Optional<PriceTableView> currentPriceTable() {
        List<PriceTableView> tables = directory.priceTables();
        return tables.isEmpty() ? Optional.empty() : Optional.of(tables.get(tables.size() - 1));
    }

    /** Every published price table, oldest first. */
    public List<PriceTableView> priceTables() {
        return directory.priceTables();
    }

    /** Whether this instance follows other replicas' changes (PostgreSQL store and a poll interval above zero). */
    boolean followsReplicas() {
        return follower != null;
    }

    /** Events the read models ignored as already applied: the follower re-reading this process's own events. */
    long duplicateEventsSkipped() {
        return feed.duplicatesSkipped();
    }

    /** Events pulled from an aggregate's stream because a later one of that aggregate reached the read models first. */
    long eventsCaughtUp() {
        return feed.caughtUp();
    }

    /** Stops following other replicas first (its thread ends before this returns), then Axon, then the store. */
    @Override
    public void close() {
        try {
            if (follower != null) {
                follower.close();
            }
        } finally {
            try {
                axon.shutdown();
            } finally {
                storage.close();
            }
        }
    }
}
