package dev.pristine.examples.bookstore.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.examples.bookstore.AlbumSummary;
import io.cucumber.java.en.Then;

/** Reading the catalogue. */
public class CatalogueSteps {

    private final StoreWorld world;

    public CatalogueSteps(StoreWorld world) {
        this.world = world;
    }

    @Then("album {int} by {string} has {int} tracks")
    public void album(int id, String artist, int tracks) {
        AlbumSummary album = world.store().album(id);
        assertThat(album.artist()).isEqualTo(artist);
        assertThat(album.tracks()).isEqualTo(tracks);
    }
}
