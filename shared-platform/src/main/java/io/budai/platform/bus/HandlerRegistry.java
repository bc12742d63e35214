package io.budai.platform.bus;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/** Finds the {@link EventHandler} methods of the context's beans and answers who handles what. */
final class HandlerRegistry implements BeanPostProcessor {

  private final List<HandlerMethod> handlers = new CopyOnWriteArrayList<>();
  private final Map<String, List<HandlerMethod>> byStreamAndType = new ConcurrentHashMap<>();

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    Class<?> target = AopUtils.getTargetClass(bean);
    Map<Method, EventHandler> annotated =
        MethodIntrospector.selectMethods(
            target,
            (MethodIntrospector.MetadataLookup<EventHandler>)
                method -> AnnotatedElementUtils.findMergedAnnotation(method, EventHandler.class));
    annotated.keySet().forEach(method -> add(bean, method));
    return bean;
  }

  void add(Object bean, Method method) {
    Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
    invocable.setAccessible(true);
    handlers.add(HandlerMethod.of(bean, invocable));
    byStreamAndType.clear();
  }

  /** Whether any handler reads {@code stream}. */
  boolean hasHandlers(String stream) {
    return handlers.stream().anyMatch(h -> h.stream().equals(stream));
  }

  /** The handlers of entries of {@code type} on {@code stream} (empty: acknowledge unhandled). */
  List<HandlerMethod> handlers(String stream, String type) {
    return byStreamAndType.computeIfAbsent(
        stream + "|" + type,
        k -> handlers.stream().filter(h -> h.stream().equals(stream) && h.accepts(type)).toList());
  }

  List<HandlerMethod> all() {
    return List.copyOf(handlers);
  }
}
