package io.budai.platform.web;

import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets controllers take a {@link CallerIdentity} parameter. */
public class CallerIdentityArgumentResolver implements HandlerMethodArgumentResolver {

  private static final CallerIdentity NOBODY = new CallerIdentity(null, Set.of());

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return CallerIdentity.class.equals(parameter.getParameterType());
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    Object identity =
        webRequest.getAttribute(CallerIdentity.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    return identity instanceof CallerIdentity caller ? caller : NOBODY;
  }
}
