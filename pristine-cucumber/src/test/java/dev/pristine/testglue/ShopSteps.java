package dev.pristine.testglue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.cucumber.ScenarioDatabase;
import dev.pristine.cucumber.TestAccess;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/** Steps over the tiny shop schema; the database comes in by constructor injection (picocontainer). */
public class ShopSteps {

    private static volatile CyclicBarrier rendezvous = new CyclicBarrier(2);

    private final ScenarioDatabase db;

    public ShopSteps(ScenarioDatabase db) {
        this.db = db;
    }

    static void resetRendezvous() {
        rendezvous = new CyclicBarrier(2);
    }

    @Given("a customer {int} with e-mail {string}")
    public void aCustomer(int id, String email) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO customer (id, email) VALUES (?, ?)")) {
            s.setInt(1, id);
            s.setString(2, email);
            s.executeUpdate();
        }
    }

    @Then("there is/are {int} customer(s)")
    public void customers(int expected) throws SQLException {
        // through the routing data source, as a singleton application bean would connect
        try (Connection c = ScenarioDatabase.routingDataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customer")) {
            rs.next();
            assertThat(rs.getInt(1)).as("customers in %s", db.id()).isEqualTo(expected);
        }
    }

    @Then("the database is recorded as {string}")
    public void record(String name) {
        Recorder.DATABASES.put(name, db.id());
        Recorder.THREADS.put(name, Thread.currentThread().getName());
    }

    @Then("the scenario's connection is recorded")
    public void recordConnection() throws SQLException {
        Connection c = db.connection();
        assertThat(db.connection()).isSameAs(c);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customer")) {
            rs.next();
        }
        Recorder.OBJECTS.put("connection", c);
    }

    @When("the scenario waits for its partner")
    public void waitForPartner() throws Exception {
        // a guard against a hang, not a timing assertion: both partners must be running at once
        rendezvous.await(2, TimeUnit.MINUTES);
    }

    @Then("this step fails on purpose")
    public void failsOnPurpose() {
        assertThat(1).as("fails on purpose").isEqualTo(2);
    }

    @When("this step throws on purpose")
    public void throwsOnPurpose() {
        throw new IllegalStateException("throws on purpose");
    }

    @Then("no other database is leased")
    public void noOtherLease() {
        assertThat(TestAccess.poolState()).contains("leased=1,");
    }

    @Then("the parent is told the database and the scenario waits")
    public void tellParentAndWait() throws IOException {
        System.out.println("leased " + db.id());
        System.out.flush();
        // the parent kills this JVM once it has read the line; the read never returns before that
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
