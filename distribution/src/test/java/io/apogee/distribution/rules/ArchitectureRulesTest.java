package io.apogee.distribution.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering of Apogee's modules and packages, checked on the compiled main classes of every server module
 * (this module depends on all of them). Failing here means a change made one part know another it must not:
 * fix the dependency, do not loosen the rule. The size limits live in {@code build-rules/checkstyle.xml}; both are
 * described in CONTRIBUTING.md.
 */
class ArchitectureRulesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // test-jars (the console's fixture)
            .importPackages("io.apogee");

    /**
     * Modules, bottom to top: common ← remoting, store ← namesrv (remoting), broker (remoting, store), tools
     * (remoting) ← console (tools, remoting) ← distribution. The store never knows the wire or the broker; remoting
     * never knows what it carries; the admin tools and the console speak only the protocol, so they know no server
     * module.
     */
    @Test
    void modulesShouldOnlyUseTheModulesBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("io.apogee..")
                .layer("common").definedBy("io.apogee.common..")
                .layer("remoting").definedBy("io.apogee.remoting..")
                .layer("store").definedBy("io.apogee.store..")
                .layer("namesrv").definedBy("io.apogee.namesrv..")
                .layer("broker").definedBy("io.apogee.broker..")
                .layer("tools").definedBy("io.apogee.tools..")
                .layer("console").definedBy("io.apogee.console..")
                .layer("distribution").definedBy("io.apogee.distribution..")
                .whereLayer("distribution").mayNotBeAccessedByAnyLayer()
                .whereLayer("broker").mayOnlyBeAccessedByLayers("distribution")
                .whereLayer("namesrv").mayOnlyBeAccessedByLayers("distribution")
                .whereLayer("console").mayOnlyBeAccessedByLayers("distribution")
                .whereLayer("tools").mayOnlyBeAccessedByLayers("console", "distribution")
                .whereLayer("store").mayOnlyBeAccessedByLayers("broker", "distribution")
                .whereLayer("remoting").mayOnlyBeAccessedByLayers("namesrv", "broker", "tools", "console",
                        "distribution")
                .check(MAIN);
    }

    /** The store is plain Java over mapped files: no network library, no JSON library. */
    @Test
    void storeShouldUseNeitherNettyNorJackson() {
        noClasses().that().resideInAPackage("io.apogee.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "com.fasterxml..")
                .check(MAIN);
    }

    /** Every package of every module is a node of a DAG: no two packages use each other, directly or not. */
    @Test
    void packagesShouldBeFreeOfCycles() {
        slices().matching("io.apogee.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
