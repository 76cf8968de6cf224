package dev.pristine.examples.bookstore.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.examples.bookstore.StoreException;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

/** Editing playlists. */
public class PlaylistSteps {

    private final StoreWorld world;

    public PlaylistSteps(StoreWorld world) {
        this.world = world;
    }

    @Given("customer {int} has a playlist {int} called {string}")
    public void hasPlaylist(int customer, int playlist, String name) {
        world.store().createPlaylist(world.ids().playlist(playlist), name, world.ids().customer(customer));
    }

    @When("tracks {int}, {int} and {int} are added to playlist {int}")
    public void tracksAdded(int a, int b, int c, int playlist) {
        int p = world.ids().playlist(playlist);
        world.store().addToPlaylist(p, a);
        world.store().addToPlaylist(p, b);
        world.store().addToPlaylist(p, c);
    }

    @When("track {int} is removed from playlist {int}")
    public void trackRemoved(int track, int playlist) {
        world.store().removeFromPlaylist(world.ids().playlist(playlist), track);
    }

    @Then("playlist {int} holds tracks {int}, {int} in that order")
    public void holdsTwo(int playlist, int a, int b) {
        assertThat(world.store().playlist(world.ids().playlist(playlist))).containsExactly(a, b);
    }

    @Then("playlist {int} holds tracks {int}, {int}, {int} in that order")
    public void holdsThree(int playlist, int a, int b, int c) {
        assertThat(world.store().playlist(world.ids().playlist(playlist))).containsExactly(a, b, c);
    }

    @Then("adding track {int} to playlist {int} again is refused with {string}")
    public void addingIsRefused(int track, int playlist, String message) {
        assertThatThrownBy(() -> world.store().addToPlaylist(world.ids().playlist(playlist), track))
                .isInstanceOf(StoreException.class).hasMessage(world.ids().message(message));
    }

    @Then("the store has {int} playlist(s)")
    public void storePlaylists(int expected) {
        Counts.check("playlists", world.store().playlistCount(), expected);
    }
}
