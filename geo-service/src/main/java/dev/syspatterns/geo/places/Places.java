package dev.syspatterns.geo.places;

import org.springframework.data.jpa.repository.JpaRepository;

interface Places extends JpaRepository<Place, Long> {}
