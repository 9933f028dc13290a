package io.turnpike.aggregates;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
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
 * directory is rebuilt from the full event store on {@link #start}; changes made by another process against the same
 * store are not seen until restart.
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

    private Governance(Configuration axon, Directory directory, SecretSealer sealer, EventStorage storage,
                       SecureRandom random) {
        this.axon = axon;
        this.commands = axon.commandGateway();
        this.directory = directory;
        this.sealer = sealer;
        this.storage = storage;
        this.random = random;
    }

    /** Opens the event store, replays it into the directory and returns once every stored event is visible. */
    public static Governance start(GovernanceOptions options) {
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
            long replayed = replay(storage, directory);
            requireSecretsOpen(directory, sealer);
            Configuration axon = DefaultConfigurer.defaultConfiguration(false)
                    .configureSerializer(c -> serializer)
                    .configureEventSerializer(c -> serializer)
                    .configureMessageSerializer(c -> serializer)
                    .configureEmbeddedEventStore(c -> storage.engine())
                    .registerComponent(References.class, c -> directory)
                    .configureAggregate(aggregate(Provider.class))
                    .configureAggregate(aggregate(RoutingConfig.class))
                    .configureAggregate(aggregate(ApiKey.class))
                    .configureAggregate(aggregate(PriceBook.class))
                    .eventProcessing(processing -> processing
                            .usingSubscribingEventProcessors()
                            .registerEventHandler(c -> directory))
                    .buildConfiguration();
            axon.start();
            LOG.info("Governance started on {} store; replayed {} events",
                    options.embeddedStore() ? "embedded H2" : "PostgreSQL", replayed);
            return new Governance(axon, directory, sealer, storage, random);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    private static <A> AggregateConfigurer<A> aggregate(Class<A> type) {
        // A cache per type: each repository only ever holds its own aggregate class.
        return AggregateConfigurer.defaultConfiguration(type)
                .configureCache(c -> new WeakReferenceCache())
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), SNAPSHOT_EVERY));
    }

    /** Feeds every stored event, in global order, through the directory's own {@code @EventHandler}s. */
    private static long replay(EventStorage storage, Directory directory) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(directory);
        long count = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.engine().readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                try {
                    handlers.handle(event);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot replay event " + event.getIdentifier(), e);
                }
                count++;
            }
        }
        return count;
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

    public void revokeKey(String keyId, String actor) {
        if (keyId == null || directory.key(keyId).isEmpty()) {
            throw new NotFoundException("key '" + keyId + "' not found");
        }
        send(new RevokeApiKeyCommand(keyId, actor));
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

    /** Active and revoked keys alike; callers check {@link KeyView#revoked()}. */
    public Optional<KeyView> keyByHash(String keyHash) {
        return keyHash == null ? Optional.empty() : directory.keyByHash(keyHash);
    }

    public Optional<KeyView> key(String keyId) {
        return keyId == null ? Optional.empty() : directory.key(keyId);
    }

    public List<KeyView> keys() {
        return directory.keys();
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

    @Override
    public void close() {
        try {
            axon.shutdown();
        } finally {
            storage.close();
        }
    }
}
