package dev.pristine.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.pristine.ErrorCode;
import dev.pristine.Migrations;
import dev.pristine.Pristine;
import dev.pristine.PristineException;
import dev.pristine.Redact;
import dev.pristine.cli.CommandPlugin;
import dev.pristine.cli.Main;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The floors of the tree, checked on the main classes of every module (all of them are on this module's
 * test class path; {@link #everyModuleOfTheReactorIsChecked} fails when one is missing).
 *
 * <ol>
 *   <li>Bottom: the redactor and the error model ({@link Redact}, {@link ErrorCode}, {@link PristineException})
 *       use nothing else of Pristine's.</li>
 *   <li>The API ({@code dev.pristine}) and the SPI ({@code dev.pristine.spi}) may use each other's types; neither
 *       reaches {@code dev.pristine.internal}. The SPI does not even reach it through the API. The two API entry
 *       points that assemble the implementation, {@link Pristine} and {@link Migrations}, are the only doors
 *       into {@code internal}.</li>
 *   <li>{@code internal} may use both.</li>
 *   <li>Core names no engine, migrator or adapter, and no JDBC driver or migration tool.</li>
 *   <li>Every other module (engines, migrators, adapters, testkit, CLI, bench, examples) uses only the API, the
 *       SPI and its own packages; the CLI's plug-in types ({@link CommandPlugin}, {@link Main}) are public
 *       to other modules too.</li>
 * </ol>
 */
class DependencyRulesTest {

    static final String ROOT = "dev.pristine";
    static final String SPI = "dev.pristine.spi..";
    static final String INTERNAL = "dev.pristine.internal..";

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** Redact, ErrorCode, PristineException, their nested classes and arrays of them. */
    static final DescribedPredicate<JavaClass> BOTTOM = DescribedPredicate.describe("are the redactor or the error model",
            c -> belongToAnyOf(Redact.class, ErrorCode.class, PristineException.class).test(c.getBaseComponentType()));

    @Test
    void theRedactorAndTheErrorModelUseNothingElseOfPristines() {
        classes().that(BOTTOM)
                .should().onlyDependOnClassesThat(not(resideInAPackage(ROOT + "..")).or(BOTTOM))
                .because("they are the bottom of core: every package, the SPI included, uses them")
                .check(CLASSES);
    }

    @Test
    void theSpiNeverReachesInternalNotEvenThroughTheApi() {
        noClasses().that().resideInAPackage(SPI)
                .should().transitivelyDependOnClassesThat().resideInAPackage(INTERNAL)
                .because("engine and migrator authors implement the SPI, and internal has no compatibility promise")
                .check(CLASSES);
    }

    @Test
    void theApiReachesInternalOnlyThroughItsEntryPoints() {
        noneUseInternal(resideInAPackage(ROOT).and(not(belongToAnyOf(Pristine.class, Migrations.class))),
                "the API's types are what users hold; only Pristine and Migrations assemble the implementation");
    }

    @Test
    void coreNamesNoEngineMigratorAdapterOrDriver() {
        classes().that().resideInAnyPackage(ROOT, SPI, INTERNAL)
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT, SPI, INTERNAL, "java..", "javax..",
                        "org.slf4j..", "dev.failsafe..", "")
                .because("engines and migrators are found with ServiceLoader, and core depends on no JDBC driver,"
                        + " Flyway or Liquibase")
                .check(CLASSES);
    }

    @Test
    void nothingOutsideCoreUsesInternal() {
        noneUseInternal(resideOutsideOfPackages(ROOT, SPI, INTERNAL),
                "plug-ins and adapters use the API and the SPI only; internal may change in any release");
    }

    @Test
    void everyModuleUsesOnlyTheApiTheSpiAndItsOwnPackages() {
        classes().that().resideOutsideOfPackages(ROOT, SPI, INTERNAL)
                .should(useOnlyTheApiTheSpiAndTheirOwnModule())
                .because("an engine never calls an adapter, and no module depends on another module's implementation")
                .check(CLASSES);
    }

    @Test
    void everyModuleOfTheReactorIsChecked() {
        Set<String> imported = new TreeSet<>();
        CLASSES.forEach(c -> imported.add(c.getPackageName()));
        assertThat(imported).as("main packages of the reactor's modules missing from this module's test class path"
                + " (add the module as a test dependency of pristine-architecture)")
                .containsAll(Tree.mainPackages());
    }

    private static void noneUseInternal(DescribedPredicate<JavaClass> which, String because) {
        noClasses().that(which).should().dependOnClassesThat().resideInAPackage(INTERNAL).because(because).check(CLASSES);
    }

    /** The module a Pristine class belongs to: the package segment after {@code dev.pristine}, "" for the API. */
    static String module(JavaClass c) {
        String p = c.getBaseComponentType().getPackageName();
        if (p.equals(ROOT)) {
            return "";
        }
        if (!p.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = p.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static ArchCondition<JavaClass> useOnlyTheApiTheSpiAndTheirOwnModule() {
        Set<String> sharedModules = Set.of("", "spi");
        return new ArchCondition<>("use only dev.pristine, dev.pristine.spi and their own module's packages") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = module(item);
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    String other = module(target);
                    boolean allowed = other == null || sharedModules.contains(other) || other.equals(own)
                            || belongToAnyOf(CommandPlugin.class, Main.class).test(target);
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
