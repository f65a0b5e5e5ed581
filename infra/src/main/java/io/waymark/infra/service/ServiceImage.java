package io.waymark.infra.service;

/**
 * Where the service's image lives: the ECR repository that the images stack creates ({@code
 * pipeline/ImageRepository}), that the image builds push to and that every environment's tasks pull
 * from. Here, beside the tasks that run it, so the environment and the pipeline both depend on this
 * package and never on each other.
 */
public final class ServiceImage {

    /** Repository name; every stack but the images stack imports the repository by this name. */
    public static final String REPOSITORY = "waymark";

    private ServiceImage() {}
}
