package dev.rigel.jpa.dtomodel;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A member of a {@link Team}. */
@Entity
@Table(name = "members")
public class Member {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @ManyToOne(fetch = FetchType.LAZY)
    private Team team;

    /** Another lazy to-one, read only through collections and proxies in the tests. */
    @ManyToOne(fetch = FetchType.LAZY)
    private Badge favourite;

    @ManyToMany
    @OrderBy("id")
    private List<Badge> badges = new ArrayList<>();

    /** A lazy collection of values, not entities. */
    @ElementCollection
    private List<String> nicknames = new ArrayList<>();

    protected Member() {}

    public Member(String name, Team team) {
        this.name = name;
        this.team = team;
    }

    public Long id() {
        return id;
    }

    public Team team() {
        return team;
    }

    public List<Badge> badges() {
        return badges;
    }

    public List<String> nicknames() {
        return nicknames;
    }

    public void favourite(Badge badge) {
        this.favourite = badge;
    }
}
