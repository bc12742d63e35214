package io.budai.voice.fakes;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Valve;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * A bare embedded Tomcat on a free loopback port for fake vendor servers: plain servlets, JSR-356
 * WebSocket endpoints and valves (which run before anything else, as a vendor's edge would, to
 * refuse an upgrade with a status and headers).
 */
final class EmbeddedTomcat implements AutoCloseable {

  private final Tomcat tomcat = new Tomcat();
  private final Context context;
  private final List<ServerEndpointConfig> endpoints = new ArrayList<>();

  EmbeddedTomcat() {
    try {
      File base = Files.createTempDirectory("fake-vendor").toFile();
      tomcat.setBaseDir(base.getAbsolutePath());
      tomcat.setPort(0);
      tomcat.getConnector().setProperty("address", "127.0.0.1");
      tomcat.getConnector().setProperty("maxThreads", "64");
      tomcat.getConnector().setProperty("maxConnections", "4096");
      context = tomcat.addContext("", base.getAbsolutePath());
      context.addServletContainerInitializer(new WsSci(), null);
      // Filters (WebSocket upgrades among them) only run for requests that map to a servlet.
      servlet(
          "/",
          new HttpServlet() {
            @Override
            protected void service(
                jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response)
                throws IOException {
              response.sendError(404);
            }
          },
          false);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  EmbeddedTomcat servlet(String path, HttpServlet servlet, boolean multipart) {
    String name = "servlet-" + path;
    Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
    if (multipart) {
      wrapper.setMultipartConfigElement(new MultipartConfigElement(""));
    }
    context.addServletMappingDecoded(path, name);
    return this;
  }

  EmbeddedTomcat endpoint(ServerEndpointConfig config) {
    endpoints.add(config);
    return this;
  }

  EmbeddedTomcat valve(Valve valve) {
    context.getPipeline().addValve(valve);
    return this;
  }

  EmbeddedTomcat start() {
    try {
      tomcat.start();
      ServerContainer container =
          (ServerContainer)
              context.getServletContext().getAttribute(ServerContainer.class.getName());
      for (ServerEndpointConfig config : endpoints) {
        container.addEndpoint(config);
      }
      container.setDefaultMaxBinaryMessageBufferSize(256 * 1024);
      container.setDefaultMaxTextMessageBufferSize(16 * 1024);
      return this;
    } catch (LifecycleException | DeploymentException e) {
      throw new IllegalStateException(e);
    }
  }

  int port() {
    return tomcat.getConnector().getLocalPort();
  }

  @Override
  public void close() {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    }
  }
}
